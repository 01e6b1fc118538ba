package com.example.playground.saga.placeorder;

import com.example.playground.support.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SagaController {

    private final SagaRepository sagas;

    SagaController(SagaRepository sagas) {
        this.sagas = sagas;
    }

    @GetMapping("/api/sagas/{orderId}")
    SagaView saga(@PathVariable String orderId) {
        return sagas.view(orderId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "saga-not-found", "Saga not found", "No saga is known for order '" + orderId + "'"));
    }
}

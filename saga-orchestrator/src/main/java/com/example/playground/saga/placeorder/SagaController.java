package com.example.playground.saga.placeorder;

import com.example.playground.support.web.Identifier;
import com.example.playground.support.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SagaController {

    private final SagaRepository sagas;

    SagaController(SagaRepository sagas) {
        this.sagas = sagas;
    }

    /** The latest sagas of both styles, newest first (what the control room shows). */
    @GetMapping("/api/sagas")
    List<SagaView> recent(@RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > 50) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-limit", "Invalid limit",
                    "limit must be between 1 and 50, not " + limit);
        }
        return sagas.recent(limit);
    }

    @GetMapping("/api/sagas/{orderId}")
    SagaView saga(@PathVariable @Identifier String orderId) {
        return sagas.view(orderId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "saga-not-found", "Saga not found", "No saga is known for order '" + orderId + "'"));
    }
}

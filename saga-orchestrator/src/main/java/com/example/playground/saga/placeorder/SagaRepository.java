package com.example.playground.saga.placeorder;

import com.example.playground.contracts.SagaStyle;
import com.example.playground.saga.engine.SagaState;
import com.example.playground.saga.engine.SagaStatus;
import com.example.playground.saga.engine.Transition.HistoryLine;
import com.example.playground.saga.placeorder.SagaView.HistoryEntry;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Saga instances and their history, in the orchestrator's own database. */
@Repository
class SagaRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SagaRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record StoredSaga(String orderId, String sagaType, SagaStyle style, SagaState state, PlaceOrderData data,
                      int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    boolean exists(String orderId) {
        return jdbc.sql("select count(*) from saga_instance where order_id = :id").param("id", orderId)
                .query(Integer.class).single() > 0;
    }

    Optional<StoredSaga> find(String orderId) {
        return jdbc.sql("""
                        select order_id, saga_type, saga_style, status, current_step, failure_reason, data, version,
                               created_at, updated_at
                        from saga_instance where order_id = :id""")
                .param("id", orderId)
                .query((rs, row) -> new StoredSaga(rs.getString("order_id"), rs.getString("saga_type"),
                        SagaStyle.valueOf(rs.getString("saga_style")),
                        new SagaState(SagaStatus.valueOf(rs.getString("status")), rs.getString("current_step"),
                                rs.getString("failure_reason")),
                        json.readValue(rs.getString("data"), PlaceOrderData.class),
                        rs.getInt("version"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
    }

    void insert(String sagaType, SagaStyle style, PlaceOrderData data, SagaState state, OffsetDateTime now) {
        jdbc.sql("""
                        insert into saga_instance (order_id, saga_type, saga_style, status, current_step, failure_reason,
                                                   data, version, created_at, updated_at)
                        values (:id, :type, :style, :status, :step, :reason, :data, 0, :now, :now)""")
                .param("id", data.orderId())
                .param("type", sagaType)
                .param("style", style.name())
                .param("status", state.status().name())
                .param("step", state.step())
                .param("reason", state.failureReason())
                .param("data", json.writeValueAsString(data))
                .param("now", now)
                .update();
    }

    /** Saves the new state, unless someone else changed the saga since it was read. */
    void update(StoredSaga saga, SagaState state, OffsetDateTime now) {
        int updated = jdbc.sql("""
                        update saga_instance set status = :status, current_step = :step, failure_reason = :reason,
                               version = version + 1, updated_at = :now
                        where order_id = :id and version = :version""")
                .param("status", state.status().name())
                .param("step", state.step())
                .param("reason", state.failureReason())
                .param("now", now)
                .param("id", saga.orderId())
                .param("version", saga.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Saga " + saga.orderId() + " changed while handling a reply");
        }
    }

    void append(String orderId, List<HistoryLine> lines, OffsetDateTime at) {
        for (HistoryLine line : lines) {
            jdbc.sql("""
                            insert into saga_step_log (order_id, step, outcome, detail, at)
                            values (:id, :step, :outcome, :detail, :at)""")
                    .param("id", orderId)
                    .param("step", line.step())
                    .param("outcome", line.outcome().name())
                    .param("detail", line.detail())
                    .param("at", at)
                    .update();
        }
    }

    /** The newest sagas first, as the control room lists them. */
    List<SagaView> recent(int limit) {
        return jdbc.sql("select order_id from saga_instance order by created_at desc, order_id fetch first :limit rows only")
                .param("limit", limit)
                .query(String.class)
                .list()
                .stream()
                .flatMap(orderId -> view(orderId).stream())
                .toList();
    }

    Optional<SagaView> view(String orderId) {
        return find(orderId).map(saga -> {
            String currentStep = saga.state().status().isFinished() ? null : saga.state().step();
            return new SagaView(orderId, saga.sagaType(), saga.style().apiName(), saga.state().status(), currentStep,
                    saga.state().failureReason(), saga.createdAt(), saga.updatedAt(), history(orderId));
        });
    }

    List<HistoryEntry> history(String orderId) {
        return jdbc.sql("select step, outcome, detail, at from saga_step_log where order_id = :id order by id")
                .param("id", orderId)
                .query(HistoryEntry.class)
                .list();
    }
}

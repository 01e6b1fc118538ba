package com.example.playground.payment.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/rebuild} on the management port, the same endpoint order-service has for its
 * history: {@code GET} says how the stored balances stand against the ledger (accounts, events,
 * how many drifted, a digest of every balance); {@code POST} folds every balance again from its
 * events. {@code ./playground rebuild payment-service} calls it. Folding is synchronous, so the
 * balances are never "behind" as a projection read from Kafka can be.
 */
@Component
@Endpoint(id = "rebuild")
class RebuildEndpoint {

    private static final Logger log = LoggerFactory.getLogger(RebuildEndpoint.class);

    private final Balances balances;
    private final AtomicInteger rebuilds = new AtomicInteger();
    private volatile Instant lastRebuild;

    RebuildEndpoint(Balances balances) {
        this.balances = balances;
    }

    @ReadOperation
    Map<String, Object> status() {
        List<Balances.Compared> accounts = balances.compared();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("readModel", "credit-balances");
        status.put("source", "the credit ledger");
        status.put("rows", accounts.size());
        status.put("eventsRead", balances.events());
        status.put("behind", 0);
        status.put("drifted", accounts.stream().filter(Balances.Compared::drifted).map(RebuildEndpoint::described).toList());
        status.put("rebuilds", rebuilds.get());
        status.put("lastRebuild", lastRebuild == null ? null : lastRebuild.toString());
        status.put("digest", digest(accounts));
        return status;
    }

    @WriteOperation
    Map<String, Object> rebuild() {
        long started = System.nanoTime();
        List<Balances.Compared> corrected = balances.refold();
        long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
        log.info("Folded every balance again from the credit ledger in {} ms: {} corrected", took, corrected.size());
        rebuilds.incrementAndGet();
        lastRebuild = Instant.now();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("readModel", "credit-balances");
        answer.put("corrected", corrected.stream().map(RebuildEndpoint::described).toList());
        answer.put("tookMillis", took);
        return answer;
    }

    private static Map<String, Object> described(Balances.Compared account) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("customerId", account.customerId());
        described.put("stored", account.stored());
        described.put("folded", account.folded());
        return described;
    }

    /** SHA-256 over every customer's stored balance, in order: equal digests, equal balances. */
    private static String digest(List<Balances.Compared> accounts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Balances.Compared account : accounts) {
                String line = account.customerId() + "=" + account.stored().setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                        + "\n";
                sha.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

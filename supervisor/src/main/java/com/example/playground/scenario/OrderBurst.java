package com.example.playground.scenario;

import com.example.playground.supervisor.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link SlowBurst}'s load: orchestrated orders of customer bench at a fixed rate for a while, open
 * loop (each POST on a thread of its own pool: a slow answer does not delay the next order), and two
 * GETs of inventory-service a second until {@link #finish}, through the scale-in. Daemon threads,
 * and a task that fails counts and goes on.
 */
final class OrderBurst {

    private final RunningPlayground p;
    private final String order;
    private final String sku;
    private final int rate;
    private final Duration length;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon());
    private final ExecutorService posters = Executors.newFixedThreadPool(8, daemon());
    private final ExecutorService getters = Executors.newFixedThreadPool(2, daemon());
    private final ConcurrentLinkedQueue<String> orders = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger failedGets = new AtomicInteger();
    private volatile ScheduledFuture<?> posting;
    private volatile Instant ended;

    OrderBurst(RunningPlayground p, String sku, int rate, Duration length) {
        this.p = p;
        this.sku = sku;
        this.rate = rate;
        this.length = length;
        this.order = "{\"customerId\":\"bench\",\"items\":[{\"sku\":" + Json.write(sku)
                + ",\"quantity\":1}],\"saga\":\"orchestration\"}";
    }

    void start() {
        posting = clock.scheduleAtFixedRate(() -> posters.execute(this::placeOne), 0, 1_000_000 / rate,
                TimeUnit.MICROSECONDS);
        clock.scheduleAtFixedRate(() -> getters.execute(this::getOne), 0, 500, TimeUnit.MILLISECONDS);
        clock.schedule(this::stop, length.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void placeOne() {
        try {
            RunningPlayground.orderId(p.post("/api/orders", order)).ifPresentOrElse(orders::add, refused::incrementAndGet);
        } catch (RuntimeException e) {
            refused.incrementAndGet();
        }
    }

    private void getOne() {
        gets.incrementAndGet();
        try {
            if (p.get("/api/inventory/" + sku).status() != 200) {
                failedGets.incrementAndGet();
            }
        } catch (RuntimeException e) {
            failedGets.incrementAndGet();
        }
    }

    boolean running() {
        return ended == null;
    }

    /** No more orders (on time, by the burst's own clock). */
    synchronized void stop() {
        if (ended == null) {
            ended = Instant.now();
            if (posting != null) {
                posting.cancel(false);
            }
        }
    }

    /** No more GETs either; the orders and GETs under way are answered first. */
    void finish() {
        stop();
        clock.shutdownNow();
        for (ExecutorService pool : List.of(posters, getters)) {
            pool.shutdown();
            try {
                pool.awaitTermination(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "slow-burst");
            thread.setDaemon(true);
            return thread;
        };
    }

    Instant ended() {
        return ended;
    }

    List<String> orders() {
        return new ArrayList<>(orders);
    }

    int refused() {
        return refused.get();
    }

    int gets() {
        return gets.get();
    }

    int failedGets() {
        return failedGets.get();
    }
}

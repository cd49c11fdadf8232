package com.xhsgraph.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.service.model.BudgetExceededException;
import com.xhsgraph.service.model.CallCount;
import com.xhsgraph.service.model.ClientData;
import com.xhsgraph.snapshot.ClientStore;
import com.xhsgraph.support.Database;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Budget leases hold across instances: three budget services over the one database (three replicas), each leasing
 * and reserving for the same client at once, never admit together more than the client's budget, and every call
 * they admitted and billed is charged.
 */
@QuarkusTest
class BudgetLeasesTest {

    @Inject
    ClientStore store;

    @Inject
    TimeSource time;

    @Inject
    XhsConfig config;

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void threeInstancesNeverAdmitTogetherMoreThanTheBudget() throws Exception {
        int budget = 60;
        ClientData client = new ClientData("leases-" + System.nanoTime(), ClientData.CLIENT, budget, List.of(),
                "xhs_test", time.now(), null);
        List<BudgetService> instances = List.of(new BudgetService(store, time, config),
                new BudgetService(store, time, config), new BudgetService(store, time, config));
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<CompletableFuture<?>> queries = new ArrayList<>();
        try {
            for (int i = 0; i < 90; i++) {
                BudgetService instance = instances.get(i % 3);
                long estimate = 1 + i % 3;
                queries.add(CompletableFuture.runAsync(() -> {
                    try {
                        BudgetService.Hold hold = instance.reserve(client, estimate).await()
                                .atMost(Duration.ofSeconds(10));
                        admitted.addAndGet((int) estimate);
                        // the query bills all it reserved, the worst case: each call counted as it is made
                        store.countCalls(List.of(new CallCount(hold.day(), "get-user/v3", (int) estimate,
                                (int) estimate, 0, client.id(), hold.day(), hold.leaseId()))).await()
                                .atMost(Duration.ofSeconds(10));
                        instance.charge(hold, Map.of("get-user/v3", new long[]{estimate, estimate})).await()
                                .atMost(Duration.ofSeconds(10));
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                    }
                }, pool));
            }
            CompletableFuture.allOf(queries.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(admitted.get()).as("billed calls admitted by the three instances").isLessThanOrEqualTo(budget);
        assertThat(refused.get()).as("the budget runs out").isPositive();
        Database db = new Database(dataSource);
        assertThat(db.count("select coalesce(sum(billed), 0) from xhs_client_usage where client_id = ?", client.id()))
                .as("every admitted call is charged").isEqualTo(admitted.get());
        assertThat(db.count("select coalesce(sum(calls), 0) from xhs_budget_reservation where client_id = ?",
                client.id()) + admitted.get()).as("charged plus leased never exceeds the budget")
                .isLessThanOrEqualTo(budget);
    }
}

package com.xhsgraph.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.fetch.TimeSource;
import com.xhsgraph.service.model.BudgetExceededException;
import com.xhsgraph.service.model.BudgetStatus;
import com.xhsgraph.service.model.ClientData;
import com.xhsgraph.service.model.ClientUsageData;
import com.xhsgraph.snapshot.ClientStore;

import io.smallrye.mutiny.Uni;

/**
 * Each client's daily budget of billed upstream calls, kept in PostgreSQL so that every instance sees the same: a
 * query's estimate is reserved before anything is spent, and the query is charged what it really billed when it is
 * done. Our own code rather than a rate-limiting library: the unit is a billed call known only afterwards, against an
 * estimate known before.
 */
@ApplicationScoped
public class BudgetService {

    /** A query's hold on its client's budget, until it is charged. */
    public record Hold(ClientData client, LocalDate day, Long reservationId, BudgetStatus before) {}

    private final ClientStore store;
    private final TimeSource time;
    private final ZoneId zone;
    private final long reservationSeconds;

    BudgetService(ClientStore store, TimeSource time, XhsConfig config) {
        this.store = store;
        this.time = time;
        this.zone = config.upstream().usageZone();
        this.reservationSeconds = Math.max(1, config.access().reservationTtl().toSeconds());
    }

    /**
     * Reserves {@code estimate} billed calls of the client's budget for today.
     *
     * @throws BudgetExceededException (as the failure) when they do not fit in what remains
     */
    public Uni<Hold> reserve(ClientData client, long estimate) {
        LocalDate day = today();
        if (estimate <= 0) {
            return store.spend(client.id(), day).map(spend -> new Hold(client, day, null, status(client, day, spend)));
        }
        return store.reserve(client.id(), day, estimate, client.dailyBudget(), reservationSeconds).map(r -> {
            BudgetStatus before = status(client, day, r.before());
            if (r.id() == null) {
                throw new BudgetExceededException(estimate, before);
            }
            return new Hold(client, day, r.id(), before);
        });
    }

    /**
     * Charges the query what it caused, per endpoint ({@code calls}, {@code billed}), and gives its reservation back;
     * where the client stands after.
     */
    public Uni<BudgetStatus> charge(Hold hold, Map<String, long[]> byEndpoint) {
        if (hold.reservationId() == null && byEndpoint.isEmpty()) {
            return Uni.createFrom().item(hold.before());
        }
        return store.settle(hold.reservationId(), hold.client().id(), hold.day(), byEndpoint)
                .map(spend -> status(hold.client(), hold.day(), spend));
    }

    /** Where the client stands today. */
    public Uni<BudgetStatus> status(ClientData client) {
        LocalDate day = today();
        return store.spend(client.id(), day).map(spend -> status(client, day, spend));
    }

    /** Upstream calls per day, client and endpoint in [from, to], of one client or (null) of all. */
    public Uni<java.util.List<ClientUsageData>> usage(LocalDate from, LocalDate to, String clientId) {
        return store.usage(from, to, clientId);
    }

    /** Today, in the usage time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(time.now(), zone);
    }

    private BudgetStatus status(ClientData client, LocalDate day, ClientStore.Spend spend) {
        return new BudgetStatus(client.dailyBudget(), spend.used(), spend.reserved(), resetAt(day));
    }

    private Instant resetAt(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}

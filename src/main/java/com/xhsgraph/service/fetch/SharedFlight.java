package com.xhsgraph.service.fetch;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.cluster.CallLeases;
import com.xhsgraph.config.XhsConfig;
import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.RequestCancelledException;
import com.xhsgraph.service.model.UpstreamException;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Single flight across instances: of the instances on one database about to make the same upstream call, the one that
 * takes the call's lease ({@link CallLeases}) makes it and stores the answer; the others look at the lease until it is
 * gone, then read the stored answer, or take the failure the call ended with as theirs. A lease whose holder died
 * expires, and the next instance to look takes it. When the lease table cannot be reached, each instance makes its own
 * call, as a lone instance would.
 */
@ApplicationScoped
public class SharedFlight {

    private final CallLeases leases;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final boolean enabled;
    private final long maxPauseMillis;

    SharedFlight(CallLeases leases, Vertx vertx, MeterRegistry metrics, XhsConfig config) {
        this.leases = leases;
        this.vertx = vertx;
        this.metrics = metrics;
        this.enabled = config.cluster().shared();
        this.maxPauseMillis = Math.max(1, config.cluster().pollInterval().toMillis());
    }

    /**
     * @param call the upstream call
     * @param work makes the call and stores its answer
     * @param landed what another instance's call stored, when it is newer than what this one had
     * @param cancelled why the request no longer wants the call, or null
     * @param joined told when another instance's call answered for this one
     */
    public <T> Uni<T> run(CallKey call, Supplier<Uni<T>> work, Supplier<Uni<Optional<T>>> landed,
            Supplier<String> cancelled, Runnable joined) {
        if (!enabled) {
            return work.get();
        }
        return new Flight<>(call, work, landed, cancelled, joined).lead();
    }

    /** One request's way through a call that any instance may be making. */
    private final class Flight<T> {

        private final String key;
        private final CallKey call;
        private final Supplier<Uni<T>> work;
        private final Supplier<Uni<Optional<T>>> landed;
        private final Supplier<String> cancelled;
        private final Runnable joined;

        Flight(CallKey call, Supplier<Uni<T>> work, Supplier<Uni<Optional<T>>> landed, Supplier<String> cancelled,
                Runnable joined) {
            this.key = call.toString();
            this.call = call;
            this.work = work;
            this.landed = landed;
            this.cancelled = cancelled;
            this.joined = joined;
        }

        /**
         * Takes the call's lease and makes the call (unless another instance's answer landed meanwhile), or waits for
         * the instance that holds it.
         */
        Uni<T> lead() {
            return leases.acquire(key).onItemOrFailure().transformToUni((mine, failure) -> {
                if (failure != null) {
                    unreachable(failure);
                    return work.get();
                }
                return mine ? callUnlessLanded() : await(false, 1);
            });
        }

        /**
         * Holding the lease: another instance may have made the call, stored it and given its lease up between this
         * request's look at the snapshots and this lease; what it stored is served, not paid again.
         */
        private Uni<T> callUnlessLanded() {
            return landed.get().onFailure().recoverWithItem(Optional.empty()).flatMap(found -> found.isPresent()
                    ? release(key, null).replaceWith(() -> served(found.get()))
                    : work.get().onItemOrFailure().call((item, error) -> release(key, error)));
        }

        /** Looks at the lease another instance holds until its call is done; {@code seen}: it was seen in flight. */
        private Uni<T> await(boolean seen, long pauseMillis) {
            return leases.state(key).onItemOrFailure().transformToUni((state, failure) -> {
                if (failure != null) {
                    unreachable(failure);
                    return work.get();
                }
                if (!state.present()) {
                    return landed.get().flatMap(found -> found.isPresent()
                            ? Uni.createFrom().item(served(found.get()))
                            : lead());
                }
                if (state.finished() && seen && state.failureKind() != null) {
                    joined.run();
                    return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.valueOf(
                            state.failureKind()), call.endpoint(), state.failureCode(), state.failureMessage()));
                }
                if (state.finished() || state.expired()) {
                    return lead();
                }
                String why = cancelled.get();
                if (why != null) {
                    return Uni.createFrom().failure(new RequestCancelledException("Stopped waiting for "
                            + call.describe() + ": " + why));
                }
                return pause(pauseMillis).chain(() -> await(true, Math.min(maxPauseMillis, pauseMillis * 2)));
            });
        }

        /** What another instance's call stored, served as this request's own. */
        private T served(T stored) {
            joined.run();
            metrics.counter("xhs.cluster.singleflight.joined", "endpoint", call.endpoint().path()).increment();
            return stored;
        }
    }

    /** Gives the lease up: its failure stays for the waiters when the call failed upstream. */
    private Uni<Void> release(String key, Throwable error) {
        Uni<Void> done = error instanceof UpstreamException e
                ? leases.failed(key, e.kind().name(), e.upstreamCode(), e.getMessage())
                : leases.succeeded(key);
        return done.onFailure().recoverWithItem(failure -> {
            // the lease then expires by itself; waiters take it over
            unreachable(failure);
            return null;
        });
    }

    /** A pause on the caller's Vert.x context (a timer: no thread waits). */
    private Uni<Void> pause(long millis) {
        // on the current (duplicated) context when there is one, so the request's context carries on
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }

    private void unreachable(Throwable failure) {
        metrics.counter("xhs.cluster.fallbacks").increment();
        Log.debugf("The shared call leases cannot be reached (%s); calling without one", failure.toString());
    }
}

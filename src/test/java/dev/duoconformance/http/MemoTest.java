package dev.duoconformance.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MemoTest {

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // A waiter left hanging fails here.
    void aProbeThatThrowsACheckedExceptionEndsEveryCheckWaitingOnIt() throws Exception {
        Memo memo = new Memo();
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch waiterAsked = new CountDownLatch(1);
        CompletableFuture<Object> owner = CompletableFuture.supplyAsync(() -> memo.once("models", () -> {
            probing.countDown();
            try {
                waiterAsked.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // What REST Assured's Groovy code does with a read timeout: a checked exception, undeclared.
            throw sneaky(new java.net.SocketTimeoutException("Read timed out"));
        }));
        probing.await();
        CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> {
            waiterAsked.countDown();
            return memo.once("models", () -> "never run");
        });

        assertThatThrownBy(waiter::join).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
        assertThatThrownBy(owner::join).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(owner.isCompletedExceptionally()).isTrue();
    }

    @Test
    void aProbeRunsOnce() {
        Memo memo = new Memo();
        int[] runs = {0};
        memo.once("k", () -> ++runs[0]);
        memo.once("k", () -> ++runs[0]);
        assertThat(runs[0]).isEqualTo(1);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aProbeStartedAheadRunsOnceOnItsOwnThreadAndTheReaderWaitsForIt() throws InterruptedException {
        Memo memo = new Memo();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        memo.start("version", () -> {
            runs.incrementAndGet();
            thread.set(Thread.currentThread().getName());
            awaitQuietly(release);
            return "18.6.0";
        });
        memo.start("version", () -> runs.incrementAndGet());
        CompletableFuture<Object> reader =
                CompletableFuture.supplyAsync(() -> memo.once("version", () -> "asked again"));

        release.countDown();
        assertThat(reader.join()).isEqualTo("18.6.0");
        assertThat(runs).hasValue(1);
        assertThat(thread.get()).isEqualTo("duo-conformance-probe");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aProbeStartedAheadThatFailsFailsItsReader() {
        Memo memo = new Memo();
        memo.start("user", () -> {
            throw new IllegalStateException("connection reset");
        });

        assertThatThrownBy(() -> memo.once("user", () -> "asked again"))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("connection reset");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.duoconformance.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

}

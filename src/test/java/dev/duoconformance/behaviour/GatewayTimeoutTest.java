package dev.duoconformance.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The target's own setting bounds a wait of the suite only within the range GitLab itself allows (60-600 s). */
class GatewayTimeoutTest {
    @Test
    void aValueGitLabWouldNeverAcceptIsTakenAsTheNearestBoundAndSaidSo() {
        assertThat(GatewayTimeout.reported(2147483647L))
                .isEqualTo(new GatewayTimeout(
                        600, "600 s (it reads 2147483647, outside the 60-600 s GitLab allows: taken as 600 s)"));
        assertThat(GatewayTimeout.reported(-5))
                .isEqualTo(new GatewayTimeout(
                        60, "60 s (it reads -5, outside the 60-600 s GitLab allows: taken as 60 s)"));
        assertThat(GatewayTimeout.reported(Long.MAX_VALUE).seconds()).isEqualTo(600);
    }

    @Test
    void aValueInGitLabsRangeIsTakenAsItIs() {
        assertThat(GatewayTimeout.reported(60)).isEqualTo(new GatewayTimeout(60, "60 s"));
        assertThat(GatewayTimeout.reported(600)).isEqualTo(new GatewayTimeout(600, "600 s"));
        assertThat(GatewayTimeout.byDefault().seconds()).isEqualTo(60);
    }
}

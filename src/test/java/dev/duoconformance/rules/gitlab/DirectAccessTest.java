package dev.duoconformance.rules.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.http.Exchange;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectAccessTest {

    @Test
    void directConnectionsDisabledIsGitLabsOwn403WithoutTheMonolithHeader() {
        String body = "{\"message\":\"403 Forbidden - Direct connections are disabled\"}";
        assertThat(DirectAccess.connectionsDisabled(Exchange.answered("POST d", 403, Map.of(), body, "")))
                .isTrue();
        assertThat(DirectAccess.connectionsDisabled(
                        Exchange.answered("POST d", 403, Map.of(), "{\"message\":\"403 Forbidden\"}", "")))
                .isFalse();
        assertThat(DirectAccess.connectionsDisabled(Exchange.answered("POST d", 401, Map.of(), body, "")))
                .isFalse();
    }
}

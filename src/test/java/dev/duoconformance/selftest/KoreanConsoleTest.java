package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.duoconformance.simulator.fault.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** With -Dlang=ko the console's table is Korean too: headings, outcome words, "blocked by", the totals and the gates' reasons. */
class KoreanConsoleTest {
    @TempDir
    Path work;

    @Test
    void theTableSpeaksTheRunsLanguage() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(SuiteRun.CHECKS))
                .configurationParameter("env", "demo")
                .configurationParameter("lang", "ko")
                .configurationParameter("demo.faults", Fault.GITLAB_DOWN.id())
                .configurationParameter("duo.output.dir", work.toString())
                .build();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            LauncherFactory.create().execute(request);
        } finally {
            System.setOut(originalOut);
        }

        String table = console.toString(StandardCharsets.UTF_8);
        assertThat(table)
                .contains("섹션")
                .contains("결과")
                .contains("세부 정보")
                .containsPattern("gitlab-reachable \\*\\s+실패")
                .containsPattern("ai-gateway-url\\s+확인 안 됨\\s+gitlab-reachable에 의해 차단됨")
                .containsPattern("duo-chat\\s+확인 안 됨\\s+선택 실행: ")
                .containsPattern("섹션: 통과 \\d+, 실패 1, 확인 안 됨 \\d+, 예외 승인 0; 해당 섹션 \\d+개 중 \\d+개 확인")
                .contains("* duo-conformance 자체의 사전 조건이며 문제 해결 문서의 섹션이 아닙니다")
                .doesNotContain("SECTION")
                .doesNotContain("blocked by")
                .doesNotContain("not checked  ");
    }
}

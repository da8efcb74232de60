package dev.duoconformance.behaviour;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab Duo Chat's error codes as GitLab renders them into an assistant message's {@code errors}:
 * {@code "<content> Error code: [A1000](<docs>/ee/user/gitlab_duo_chat/troubleshooting.html#error-a1000)"}
 * (ee/lib/gitlab/llm/chain/response_modifier.rb; the codes in ee/lib/gitlab/duo/chat/react_executor.rb).
 */
public final class ChatErrors {
    private static final Pattern CODE = Pattern.compile("Error code: \\[?([A-Z]\\d{4})");

    private ChatErrors() {}

    public static Optional<String> code(String error) {
        Matcher matcher = CODE.matcher(error);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A1000: GitLab's {@code Net::ReadTimeout} waiting for the AI gateway ({@code Gitlab::AiGateway.timeout}). */
    public static boolean isTimeout(String error) {
        return code(error).filter("A1000"::equals).isPresent();
    }
}

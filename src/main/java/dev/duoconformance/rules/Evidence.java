package dev.duoconformance.rules;

/** What a check shows beside its result: the answers it read, as attachments, steps and notes of the report. */
public interface Evidence {
    enum Mark {
        PASSED,
        FAILED,
        SKIPPED
    }

    void attach(String name, String content);

    void step(String line, Mark mark);

    void note(String line);
}

package dev.duoconformance.rules.runtime;

/** What a section read that the report shows beside its result (an instance's environment, a script's output). */
public record Attachment(String name, String content) {}

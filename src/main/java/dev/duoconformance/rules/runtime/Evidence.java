package dev.duoconformance.rules.runtime;

/** What a rule read that the report should show beside its verdict (an instance's environment, a script's output). */
public record Evidence(String name, String content) {}

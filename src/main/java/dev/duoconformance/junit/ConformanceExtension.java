package dev.duoconformance.junit;

import dev.duoconformance.catalogue.Section;
import dev.duoconformance.config.Environment;
import dev.duoconformance.report.Outcome;
import dev.duoconformance.report.RunReport;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Gates;
import dev.duoconformance.sections.AllSections;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * Gives each check what it asks for as parameters (the environment, its {@link Verdict}, the clients of the
 * components it talks to), labels its result for Allure, and records its outcome for the run's summary.
 */
public final class ConformanceExtension
        implements ParameterResolver,
                BeforeEachCallback,
                AfterEachCallback,
                AfterAllCallback,
                TestExecutionExceptionHandler,
                InvocationInterceptor,
                TestWatcher {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ConformanceExtension.class);
    private static final Set<String> SUITE_LABELS = Set.of("parentSuite", "suite", "subSuite");
    private static final Severities SEVERITY = Severities.of(AllSections.DECLARED);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SectionCheck.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConformanceRun run = ConformanceRun.of(context);
        return new SectionCheck(checkOf(context), run.rules(), verdictOf(context));
    }

    private static Verdict verdictOf(ExtensionContext context) {
        ConformanceRun run = ConformanceRun.of(context);
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Verdict.class, k -> run.verdictFor(sectionOf(context)), Verdict.class);
    }

    /** The check of the section's declaration that a test method runs: the one of the same name. */
    static Check<?> checkOf(ExtensionContext context) {
        String method = context.getRequiredTestMethod().getName();
        return AllSections.declaration(sectionOf(context))
                .check(method)
                .orElseThrow(() ->
                        new IllegalStateException(context.getRequiredTestClass().getSimpleName() + "." + method
                                + " names no check of " + sectionOf(context) + "'s declaration"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ConformanceRun run = ConformanceRun.of(context);
        Section section = run.catalogue().section(sectionOf(context));
        Allure.label("section", section.id());
        section.components().forEach(component -> Allure.label("component", component));
        String env = run.environment().name();
        Allure.label("env", env);
        Allure.epic(Section.componentTitle(section.primaryComponent()));
        Allure.feature(section.heading());
        Allure.story(section.id());
        Allure.link("doc: " + section.heading(), section.docUrl().toString());
        // Allure 2's and 3's suite trees: environment / component / section (Allure's own "suite" would be the class).
        Allure.getLifecycle().updateTestCase(result -> {
            result.getLabels().removeIf(label -> SUITE_LABELS.contains(label.getName()));
            result.getLabels()
                    .addAll(List.of(
                            new Label().setName("parentSuite").setValue(env),
                            new Label().setName("suite").setValue(Section.componentTitle(section.primaryComponent())),
                            new Label().setName("subSuite").setValue(section.id() + ": " + section.heading()),
                            new Label().setName("severity").setValue(SEVERITY.of(section))));
        });
        Allure.parameter("environment", env);
        Verdict steps = run.verdictFor(section.id());
        section.notAutomated()
                .forEach((cause, reason) -> steps.step(
                        run.catalogue().labels().notAutomated() + ": " + cause + ": " + reason, Status.SKIPPED));

        Optional<Gates.Closed> closed = run.rules().closed(checkOf(context));
        if (closed.isPresent()) {
            Gates.Closed why = closed.get();
            if (why instanceof Gates.Blocked blocked) {
                steps.blockIf(blocked.by()); // throws: this section's failure when it is its own, else blocked by it
            }
            throw why instanceof Gates.NotApplicable notApplicable
                    ? steps.notApplicable(notApplicable.reason())
                    : steps.notChecked(((Gates.NotChecked) why).reason());
        }
    }

    /** The instance's GitLab version as a parameter of the result, once the run has read it (never read for this). */
    @Override
    public void afterEach(ExtensionContext context) {
        ConformanceRun.of(context)
                .report()
                .factNamed("gitlab.version")
                .ifPresent(version -> Allure.parameter("GitLab version", version));
    }

    /** A per-model check's model, as a parameter of its result. */
    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<java.lang.reflect.Method> call,
            ExtensionContext context)
            throws Throwable {
        call.getArguments().stream()
                .filter(ModelUnderCheck.class::isInstance)
                .map(ModelUnderCheck.class::cast)
                .filter(model -> model.model() != null)
                .findFirst()
                .ifPresent(model -> {
                    Allure.parameter("model", model.toString());
                    verdictOf(context).about(Placeholders.ofModel(model.model()));
                });
        invocation.proceed();
    }

    /** One check class is one section: when its checks have ended, the section's progress line. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (AnnotationSupport.findAnnotation(context.getRequiredTestClass(), DocSection.class)
                .isPresent()) {
            ConformanceRun.of(context).report().sectionFinished(sectionOf(context));
        }
    }

    /** A documented failure that a valid waiver covers is reported as waived; an expired waiver leaves it failed. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown instanceof TestAbortedException) {
            throw thrown;
        }
        if (!(thrown instanceof SectionFailed failed)) {
            throw SuiteBug.of(thrown, ConformanceRun.of(context).redactor());
        }
        String section = sectionOf(context);
        Optional<Environment.Waiver> waiver = ConformanceRun.of(context).environment().waivers().stream()
                .filter(w -> w.section().equals(section))
                .findFirst();
        if (waiver.isEmpty()) {
            throw thrown;
        }
        if (waiver.get().expires().isBefore(LocalDate.now())) {
            throw new SectionFailed(
                    failed.failure(),
                    thrown.getMessage() + "\n(A waiver for " + section + " expired on "
                            + waiver.get().expires()
                            + "; the failure counts again. Fix it, or renew the waiver with a new justification.)",
                    failed.summary());
        }
        String detail =
                "waived until " + waiver.get().expires() + ": " + waiver.get().justification();
        throw new SectionSkipped(Outcome.WAIVED, null, Verdict.firstLine(detail), detail + "\n" + thrown.getMessage());
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        Verdict verdict = context.getStore(NAMESPACE).get(Verdict.class, Verdict.class);
        String notes = verdict == null || verdict.notes().isEmpty() ? null : String.join("; ", verdict.notes());
        record(context, Outcome.PASSED, notes, notes == null ? "" : notes, null);
    }

    /** A documented failure is the section's; anything else thrown is a bug in the suite ("broken"). */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ConformanceRun run = ConformanceRun.of(context);
        if (cause instanceof SectionFailed failed) {
            record(context, Outcome.FAILED, cause.getMessage(), failed.summary(), null);
        } else {
            String message = Verdict.shown(String.valueOf(cause.getMessage()), run.redactor());
            record(context, Outcome.BROKEN, message, Verdict.firstLine(message), null);
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        if (cause instanceof SectionSkipped skipped) {
            record(
                    context,
                    skipped.outcome(),
                    skipped.getMessage(),
                    skipped.detail(),
                    skipped.upstream().orElse(null));
        } else {
            String message = Verdict.shown(
                    String.valueOf(cause == null ? null : cause.getMessage()),
                    ConformanceRun.of(context).redactor());
            record(context, Outcome.NOT_CHECKED, message, Verdict.firstLine(message), null);
        }
    }

    private static void record(
            ExtensionContext context, Outcome outcome, String message, String detail, String blockedBy) {
        ConformanceRun.of(context)
                .report()
                .record(new RunReport.Result(
                        sectionOf(context), checkName(context), outcome, message, detail, blockedBy));
    }

    /** The check's sentence; a per-model check's with its model ("… mistral-7b"), as Allure names it too. */
    private static String checkName(ExtensionContext context) {
        return context.getParent()
                .filter(parent -> parent.getTestMethod().isPresent())
                .map(parent -> parent.getDisplayName() + " " + context.getDisplayName())
                .orElse(context.getDisplayName());
    }

    static String sectionOf(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), DocSection.class)
                .map(DocSection::value)
                .orElseThrow(() -> new IllegalStateException(context.getRequiredTestClass() + " has no @DocSection"));
    }
}

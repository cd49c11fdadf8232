package com.xhsgraph.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.xhsgraph.graphql.UpstreamCost;
import com.xhsgraph.service.fetch.FetchPipeline;

/**
 * The house rules, checked on the compiled classes: calls go one way (graphql to service to snapshot and upstream,
 * service and upstream to the state the instances share, all of them speaking the dependency-free model), no package
 * cycles, framework internals touched in one package each, and
 * every resolver that can call the paid upstream declares what it may cost.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.xhsgraph");

    @Test
    void callsGoOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("GraphQL").definedBy("com.xhsgraph.graphql..")
                .layer("Access").definedBy("com.xhsgraph.access..")
                .layer("Service").definedBy("com.xhsgraph.service", "com.xhsgraph.service.fetch..")
                .layer("Model").definedBy("com.xhsgraph.service.model..")
                .layer("Snapshot").definedBy("com.xhsgraph.snapshot..")
                .layer("Upstream").definedBy("com.xhsgraph.upstream..")
                .layer("Cluster").definedBy("com.xhsgraph.cluster..")
                .layer("Demo").definedBy("com.xhsgraph.demo..")
                .layer("Config").definedBy("com.xhsgraph.config..")
                .whereLayer("GraphQL").mayNotBeAccessedByAnyLayer()
                .whereLayer("Access").mayNotBeAccessedByAnyLayer()
                .whereLayer("Service").mayOnlyBeAccessedByLayers("GraphQL", "Access")
                .whereLayer("Snapshot").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Upstream").mayOnlyBeAccessedByLayers("Service", "Demo")
                .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Service", "Upstream")
                .whereLayer("Demo").mayNotBeAccessedByAnyLayer()
                .whereLayer("Model")
                .mayOnlyBeAccessedByLayers("GraphQL", "Access", "Service", "Snapshot", "Upstream", "Demo")
                .check(CLASSES);
    }

    @Test
    void theModelAndTheApiTypesDependOnNothingOfTheirNeighbours() {
        noClasses().that().resideInAPackage("com.xhsgraph.service.model..").should().dependOnClassesThat()
                .resideOutsideOfPackages("com.xhsgraph.service.model..", "java..").check(CLASSES);
        noClasses().that().resideInAPackage("com.xhsgraph.graphql.type..").should().dependOnClassesThat()
                .resideInAnyPackage("com.xhsgraph.graphql", "com.xhsgraph.graphql.gate..",
                        "com.xhsgraph.graphql.execution..", "com.xhsgraph.service", "com.xhsgraph.service.fetch..")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("com.xhsgraph.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void frameworkInternalsAreTouchedInOnePlaceEach() {
        noClasses().that().resideOutsideOfPackage("com.xhsgraph.graphql.execution..").should().dependOnClassesThat()
                .resideInAnyPackage("io.smallrye.graphql.execution..", "io.smallrye.graphql.schema..",
                        "io.smallrye.graphql.spi..")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackage("com.xhsgraph.snapshot..").should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus.hibernate..", "org.hibernate..", "jakarta.persistence..")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackage("com.xhsgraph.upstream..").should().dependOnClassesThat()
                .resideInAnyPackage("com.xhsgraph.upstream.justoneapi.dto..", "io.quarkus.rest.client..")
                .check(CLASSES);
    }

    /**
     * A resolver that can reach the paid upstream (through the service methods that ask the fetch pipeline) declares
     * its cost with {@link UpstreamCost}, so that the budget gate counts it; and a declaration on a resolver that
     * cannot is a mistake too.
     */
    @Test
    void everyResolverThatCanCallTheUpstreamDeclaresItsCost() {
        Set<String> paid = new HashSet<>();
        for (JavaClass service : CLASSES) {
            if (service.getPackageName().startsWith("com.xhsgraph.service")) {
                for (JavaMethod method : service.getMethods()) {
                    if (reaches(method, call -> call.getTargetOwner().isEquivalentTo(FetchPipeline.class)
                            && call.getName().equals("get"))) {
                        paid.add(method.getFullName());
                    }
                }
            }
        }
        assertThat(paid).as("the service methods that may call the upstream").isNotEmpty();

        List<String> undeclared = new ArrayList<>();
        List<String> declaredButFree = new ArrayList<>();
        int declared = 0;
        for (JavaClass api : CLASSES) {
            if (!api.isAnnotatedWith(GraphQLApi.class)) {
                continue;
            }
            for (JavaMethod resolver : api.getMethods()) {
                if (!resolver.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                    continue;
                }
                boolean callsUpstream = reaches(resolver, call -> paid.contains(call.getTarget().getFullName()));
                // a share link in an id argument is the cost of those that take one
                boolean hasCost = resolver.isAnnotatedWith(UpstreamCost.class)
                        || resolver.isAnnotatedWith(com.xhsgraph.graphql.AcceptsShareLinks.class);
                declared += hasCost ? 1 : 0;
                if (callsUpstream && !hasCost) {
                    undeclared.add(resolver.getFullName());
                } else if (hasCost && !callsUpstream) {
                    declaredButFree.add(resolver.getFullName());
                }
            }
        }
        assertThat(declared).isGreaterThan(20);
        assertThat(undeclared).as("resolvers that may call the upstream without a declared cost").isEmpty();
        assertThat(declaredButFree).as("resolvers that declare a cost but cannot call the upstream").isEmpty();
    }

    /** Whether {@code method}, or a method of its own class that it calls (lambdas included), makes a call matching. */
    private static boolean reaches(JavaMethod method, java.util.function.Predicate<JavaMethodCall> matches) {
        Deque<JavaMethod> todo = new ArrayDeque<>(List.of(method));
        Set<JavaMethod> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            JavaMethod current = todo.pop();
            if (!seen.add(current)) {
                continue;
            }
            for (JavaMethodCall call : current.getMethodCallsFromSelf()) {
                if (matches.test(call)) {
                    return true;
                }
                if (call.getTargetOwner().equals(method.getOwner())) {
                    call.getTarget().resolveMember().ifPresent(todo::push);
                }
            }
        }
        return false;
    }
}

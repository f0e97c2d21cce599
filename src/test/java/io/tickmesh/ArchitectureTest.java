package io.tickmesh;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.vertx.core.VerticleBase;

/**
 * The rules of DESIGN.md that keep the pipeline deadlock-free, checked on the compiled main classes:
 * no locks, no mutable statics, no Java serialization, pure analytics and model, verticles on
 * {@link VerticleBase}. {@link SourceRulesTest} checks what bytecode cannot show.
 */
@AnalyzeClasses(packages = "io.tickmesh", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule noSynchronizedMethods =
      noMethods().should().haveModifier(JavaModifier.SYNCHRONIZED)
          .because("state is owned by one verticle and reached by messages only");

  @ArchTest
  static final ArchRule noLocks =
      noClasses().should().dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.and(
                  com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("java.util.concurrent.locks.."),
                  com.tngtech.archunit.base.DescribedPredicate.not(
                      com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(java.util.concurrent.locks.LockSupport.class))))
          .because("locks are how pipelines deadlock (LockSupport.parkNanos, a precise sleep, is not a lock:"
              + " the latency command paces its publisher thread with it)");

  @ArchTest
  static final ArchRule parkingOnlyInTheCommandLine =
      noClasses().that().resideOutsideOfPackage("io.tickmesh.cli..")
          .should().dependOnClassesThat().areAssignableTo(java.util.concurrent.locks.LockSupport.class)
          .because("only command-line tools have threads of their own to park");

  @ArchTest
  static final ArchRule staticFieldsAreFinal =
      fields().that().areStatic().should().beFinal().because("a mutable static is shared mutable state");

  @ArchTest
  static final ArchRule noStaticMutableHolders =
      noFields().that().areStatic().should().haveRawType(java.util.HashMap.class)
          .orShould().haveRawType(java.util.ArrayList.class)
          .orShould().haveRawType(java.util.HashSet.class)
          .orShould().haveRawType(java.util.concurrent.ConcurrentHashMap.class)
          .orShould().haveRawType(java.util.concurrent.atomic.AtomicLong.class)
          .orShould().haveRawType(java.util.concurrent.atomic.AtomicInteger.class)
          .because("a static collection or counter is shared mutable state");

  @ArchTest
  static final ArchRule staticArraysArePrivate =
      fields().that().areStatic().and().haveRawType(long[].class).or().areStatic().and().haveRawType(String[].class)
          .should().bePrivate().because("an array is mutable: only its owner may hold it");

  @ArchTest
  static final ArchRule noJavaSerialization =
      noClasses().should().dependOnClassesThat()
          .haveFullyQualifiedName("java.io.ObjectOutputStream")
          .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
          .because("messages are records with codecs, never Java serialization");

  @ArchTest
  static final ArchRule modelIsPlainJava =
      noClasses().that().resideInAPackage("io.tickmesh.model..")
          .should().dependOnClassesThat().resideInAPackage("io.vertx..")
          .because("the model is shared by every layer and tested without Vert.x");

  @ArchTest
  static final ArchRule analyticsArePlainJava =
      noClasses().that().resideInAPackage("io.tickmesh.shard..")
          .and().haveSimpleNameNotEndingWith("Verticle")
          .and().haveSimpleNameNotStartingWith("Shard")
          .should().dependOnClassesThat().resideInAPackage("io.vertx..")
          .because("SymbolState and the bar logic are pure single-threaded code, tested and benchmarked alone");

  @ArchTest
  static final ArchRule verticlesExtendVerticleBase =
      classes().that().haveSimpleNameEndingWith("Verticle").should().beAssignableTo(VerticleBase.class);

  @ArchTest
  static final ArchRule noDoubleInAnalytics =
      methods().that().areDeclaredInClassesThat().resideInAnyPackage("io.tickmesh.shard..", "io.tickmesh.model..")
          .should().notHaveRawReturnType(double.class)
          .andShould().notHaveRawReturnType(float.class)
          .because("prices and sizes are exact decimals");
}

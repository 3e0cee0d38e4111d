# Flink Kubernetes Operator (Quarkus). Needs JDK 17+ and Maven; everything else is fetched by Maven.
MVN ?= mvn -B

.PHONY: build test e2e run sandbox sandbox-run crds bundle native native-test measure clean

# The packaged operator (jar or native binary) run as its own process against a mock API server.
PACKAGED_IT = $(MVN) failsafe:integration-test failsafe:verify -Dit.test=FootprintIT,PackagedOperatorIT

## build: compile and package the operator (JVM build in target/quarkus-app, CRDs in target/kubernetes)
build:
	$(MVN) package -DskipTests

## test: the default test tier: unit and API-server tests, then packaging and the bundle/manifest checks; CI runs this
test:
	$(MVN) verify

## e2e: the end-to-end tier, on the sandbox with Flink 1.20.0 and 2.3.0 assembled from Maven Central (downloads
## about 280 MB once, into target/flink)
e2e:
	$(MVN) verify -DexcludedGroups= -Dgroups=e2e

## run: run the operator against the cluster of your kubeconfig (or in-cluster service account); with no cluster
## configured, in the sandbox (see `sandbox`)
run: build
	@if [ -n "$$KUBECONFIG" ] || [ -f "$$HOME/.kube/config" ] || [ -n "$$KUBERNETES_SERVICE_HOST" ] || [ -n "$$KUBERNETES_MASTER" ]; then \
	  exec java -jar target/quarkus-app/quarkus-run.jar; \
	else \
	  echo "No Kubernetes cluster configured (KUBECONFIG, ~/.kube/config): starting the sandbox."; \
	  $(MAKE) --no-print-directory sandbox-run; \
	fi

## sandbox: an embedded Kubernetes API (kubectl works with the kubeconfig it writes, by default
## target/sandbox/kubeconfig, or $$SANDBOX_KUBECONFIG) and the operator running against it; Ctrl-C stops both
sandbox: build sandbox-run

sandbox-run:
	@$(MVN) -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/sandbox/classpath
	@exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
	  -cp target/test-classes:target/classes:$$(cat target/sandbox/classpath) dev.flinkoperator.sandbox.Sandbox

## crds: print the path of the generated CRDs (kubectl apply -f them before the operator starts)
crds: build
	@ls target/kubernetes/*.flink.apache.org-v1.yml

## native: the native executable target/flink-operator-*-runner, with the GraalVM/Mandrel (JDK 25) in GRAALVM_HOME,
## or inside a builder container where a container engine runs
native:
	@if [ -n "$$GRAALVM_HOME" ]; then \
	  $(MVN) package -Dnative -DskipTests -Dquarkus.native.graalvm-home="$$GRAALVM_HOME"; \
	elif docker info >/dev/null 2>&1; then \
	  $(MVN) package -Dnative -DskipTests -Dquarkus.native.container-build=true; \
	else \
	  echo "Set GRAALVM_HOME to a GraalVM or Mandrel for JDK 25, or run a container engine."; \
	  echo "On machines without either: bash ../shared/tools/native-toolchain/build-toolchain.sh (a stand-in, see its README)"; \
	  exit 1; \
	fi

## native-test: build the native executable, then run it as users do against a mock API server: PackagedOperatorIT
## (ready, health, metrics, a FlinkDeployment reconciled into objects and status) and FootprintIT (100 FlinkDeployments,
## flat threads, exit on SIGTERM, footprint printed); then, as the sandbox's operator with real Flink, savepoint
## upgrades on 1.20 and 2.3, savepoint history disposal and a snapshot resource (JobLifecycleIT)
native-test: native
	$(PACKAGED_IT) -Dfootprint.command="$$(ls target/*-runner)"
	$(MVN) failsafe:integration-test failsafe:verify -DexcludedGroups= -Dgroups=e2e -Dsandbox.operator="$$(ls target/*-runner)" \
		-Dit.test='JobLifecycleIT#aSavepointUpgradeRestoresTheSavepointTakenWhileStopping+nonceSavepointsKeepABoundedHistoryAndSnapshotResourcesAreTaken'

## measure: the same footprint run for the JVM build and the native executable (README, Measured)
measure:
	$(MVN) package -DskipTests
	$(PACKAGED_IT) -Dfootprint.command="java -jar target/quarkus-app/quarkus-run.jar"
	$(MAKE) native-test

## bundle: regenerate the committed OLM bundle (bundle/flink-operator) from the code
bundle: build
	rm -rf bundle/flink-operator
	cp -r target/bundle/flink-operator bundle/

clean:
	$(MVN) clean

# Flink Kubernetes Operator (Quarkus). Needs JDK 17+ and Maven; everything else is fetched by Maven.
MVN ?= mvn -B

.PHONY: build test run crds clean

## build: compile and package the operator (JVM build in target/quarkus-app, CRDs in target/kubernetes)
build:
	$(MVN) package -DskipTests

## test: the default test tier (unit tests and API-server tests on the fabric8 mock); CI runs this
test:
	$(MVN) test

## run: run the operator against the cluster of the current kubeconfig (or in-cluster service account)
run: build
	@if [ -z "$$KUBECONFIG" ] && [ ! -f "$$HOME/.kube/config" ] && [ -z "$$KUBERNETES_SERVICE_HOST" ] && [ -z "$$KUBERNETES_MASTER" ]; then \
	  echo "No Kubernetes cluster configured: set KUBECONFIG (or KUBERNETES_MASTER) to the cluster the operator should manage."; \
	  exit 1; \
	fi
	java -jar target/quarkus-app/quarkus-run.jar

## crds: print the path of the generated CRDs (kubectl apply -f them before the operator starts)
crds: build
	@ls target/kubernetes/*.flink.apache.org-v1.yml

clean:
	$(MVN) clean

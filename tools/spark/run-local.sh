#!/usr/bin/env sh
# Runs the Spark sweep in local mode (local[*], every core of this machine) with the Spark jars that
# Maven resolved, for people without a Spark installation:
#
#   tools/spark/run-local.sh data/spaces/default.json --out default-parts
#
# Builds spark/target/rfsweep-spark.jar and the Spark class path on first use. SPARK_MASTER
# overrides the master (local[2], say); RFSWEEP_JAVA_OPTS adds JVM options (-Xmx8g).
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/spark/target/rfsweep-spark.jar"
classpath="$root/spark/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$classpath" ]; then
  echo "rfsweep: building spark/target/rfsweep-spark.jar (first use)..." >&2
  (cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl spark -am package) >&2
fi
# The JVM options Spark 4 needs on Java 17 (as in spark/pom.xml's spark.java.options).
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
exec java -XX:+IgnoreUnrecognizedVMOptions $opens -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true ${RFSWEEP_JAVA_OPTS:-} \
  -Dspark.master="${SPARK_MASTER:-local[*]}" -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile="$root/tools/spark/log4j2.properties" \
  -cp "$jar:$(cat "$classpath")" org.rfsweep.spark.SparkSweep "$@"

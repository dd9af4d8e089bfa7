#!/usr/bin/env sh
# Runs the Spark sweep in local mode (local[*], every core of this machine) with the Spark jars that
# Maven resolved, for people without a Spark installation:
#
#   tools/spark/run-local.sh data/spaces/default.json --out default-parts
#
# Builds spark/target/rfsweep-spark.jar and the Spark class path on first use. SPARK_MASTER
# overrides the master (local[2], say); RFSWEEP_JAVA_OPTS adds JVM options (-Xmx8g); JAVA_HOME
# picks the Java (17 or 21: Spark 4.0's Hadoop 3.4.1 calls Subject.getSubject, which Java 24
# removed for good).
#
# Start-up: the first run records the classes it loads in a class-data-sharing archive
# (spark/target/rfsweep-spark.jsa, about 70 MB; remade when the jar changes), and later runs map it
# instead of loading some 9,000 Spark, Scala, Hadoop and Netty classes from jars: about a third
# less CPU before the first task. RFSWEEP_CDS=off runs without it.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/spark/target/rfsweep-spark.jar"
classpath="$root/spark/target/spark-classpath.txt"
archive="$root/spark/target/rfsweep-spark.jsa"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f "$jar" ] || [ ! -f "$classpath" ]; then
  echo "rfsweep: building spark/target/rfsweep-spark.jar (first use)..." >&2
  (cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl spark -am package) >&2
fi
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${version:-0}" -ge 24 ] 2>/dev/null; then
  echo "rfsweep: Java $version: Spark 4.0 (Hadoop 3.4.1) needs Java 17 or 21; set JAVA_HOME to one of them" >&2
  exit 2
fi
# The JVM options Spark 4 needs on Java 17 (as in spark/pom.xml's spark.java.options).
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
# Class-data sharing: map the archive, or make it in this run (written at exit, then moved into place,
# so that two first runs at once do not mix their archives).
cds=""
making=""
if [ "${RFSWEEP_CDS:-on}" != off ]; then
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ] && [ "$archive" -nt "$classpath" ]; then
    cds="-XX:SharedArchiveFile=$archive"
  else
    making="$archive.$$"
    cds="-XX:ArchiveClassesAtExit=$making"
  fi
  cds="$cds -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
status=0
# The driver's address is the loopback: in local mode the tasks run in this JVM.
"$java" -XX:+IgnoreUnrecognizedVMOptions $opens -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true $cds ${RFSWEEP_JAVA_OPTS:-} \
  -Dspark.master="${SPARK_MASTER:-local[*]}" -Dspark.ui.enabled=false \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -Dlog4j2.configurationFile="$root/tools/spark/log4j2.properties" \
  -cp "$jar:$(cat "$classpath")" org.rfsweep.spark.SparkSweep "$@" || status=$?
if [ -n "$making" ]; then
  if [ -f "$making" ]; then
    mv -f "$making" "$archive"
  fi
fi
exit "$status"

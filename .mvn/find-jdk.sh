# Sourced by ./mvnw, ./hotline and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Order: JAVA_HOME if it is 21+, then the newest JDK 21+ under /usr/lib/jvm (and
# /Library/Java/JavaVirtualMachines on macOS), then `java` on the PATH.
# POSIX sh, so that mvnw (#!/bin/sh) can source it.

hotline_jdk_major() {
  # prints the feature version of the JDK at $1 (e.g. 21), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

hotline_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(hotline_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
    echo "hotline: JAVA_HOME=$JAVA_HOME is not a JDK 21 or newer (found: ${v:-no JDK}); looking for another" >&2
  fi
  best=""; best_v=0
  case $- in *f*) hotline_noglob=1; set +f ;; *) hotline_noglob=0 ;; esac  # mvnw runs with set -f
  for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] || continue
    v=$(hotline_jdk_major "$home")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v="$v"; fi
  done
  [ "$hotline_noglob" = 1 ] && set -f
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(hotline_jdk_major "$home")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then best="$home"; fi
  fi
  if [ -z "$best" ]; then
    echo "hotline: no JDK 21 or newer found. Install one (for example 'apt-get install openjdk-21-jdk-headless' or Temurin 21+) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
}

hotline_find_jdk || exit 1

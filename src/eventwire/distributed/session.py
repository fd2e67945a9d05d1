"""Spark session for the Spark engine. pyspark is an optional extra: it is imported here, lazily, and a
missing install is one coded error telling how to get it."""

from __future__ import annotations

import os
import shutil
import sys
from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import ConfigError, Errors

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import SparkSession

LOCAL_MEMORY = "1g"  # driver heap in local mode: the JVM only moves rows; spaCy lives in the Python workers


def require_pyspark() -> ModuleType:
    """The pyspark module, or ConfigError E070 naming the extra to install."""
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401  (mapInPandas moves batches as Arrow)
        import pyspark  # noqa: F401
    except ImportError as err:
        raise ConfigError(Errors.E070.format(missing=err.name or "pyspark")) from None
    return pyspark


def java_available() -> bool:
    return bool(os.environ.get("JAVA_HOME")) or shutil.which("java") is not None


def under_spark_submit() -> bool:
    """True in a driver started by spark-submit (it passes the gateway to the JVM it started)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def is_local(master: str | None) -> bool:
    return master is not None and master.startswith("local")


def spark_session(
    master: str | None = None, app_name: str = "eventwire", partitions: int | None = None
) -> SparkSession:
    """A session for `master` (`local[2]`, `spark://host:7077`, `yarn`, ...). Without one: the master that
    spark-submit was given, else `local[*]`.

    Local masters are kept off the network (SPARK_LOCAL_IP=127.0.0.1) and run their Python workers with this
    interpreter, so that they see the same eventwire and model install as the driver.
    """
    require_pyspark()
    if not java_available():
        raise ConfigError(Errors.E071.format())
    from pyspark.sql import SparkSession

    if master is None and not under_spark_submit():
        master = "local[*]"
    if is_local(master):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # small Arrow batches: each one is a spaCy batch, and a big one would hold a worker's memory
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.python.worker.reuse", "true")  # the model loads once per Python worker
        .config("spark.sql.session.timeZone", "UTC")
    )
    if master:
        builder = builder.master(master)
    if is_local(master):
        builder = (
            builder.config("spark.driver.memory", LOCAL_MEMORY)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
        )
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark

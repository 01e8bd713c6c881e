"""Airflow DAG: the spark-distill nightly incremental run.

Generate sends the teacher only the examples no earlier run answered (new files in the data folders), then both
students are retrained and evaluated; each night's metrics.json can be diffed with the last. Needs the Spark
provider (pip install apache-airflow-providers-apache-spark) and a Spark connection `spark_distill` whose host is
the master (yarn, spark://host:7077 or k8s://https://host:443) and whose extra sets the deploy mode, e.g.
{"deploy-mode": "cluster"}. Drop this file in the DAGs folder; the cluster jar must be readable by the worker that
runs spark-submit.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="spark_distill_nightly",
    schedule="30 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["spark-distill"],
) as dag:
    SparkSubmitOperator(
        task_id="distill_customer_support",
        conn_id="spark_distill",
        application="/opt/spark-distill/spark-jobs/target/spark-jobs-0.1.0-SNAPSHOT-cluster.jar",
        java_class="io.sparkdistill.jobs.cli.DistillMain",
        num_executors=2,
        executor_cores=2,
        executor_memory="6g",
        driver_memory="4g",
        conf={
            "spark.driver.extraJavaOptions": "-Dai.djl.offline=true",
            "spark.executor.extraJavaOptions": "-Dai.djl.offline=true",
            "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
            "spark.kryo.registrator": "io.sparkdistill.jobs.SparkDistillKryoRegistrator",
        },
        application_args=[
            "run",
            "--config", "hdfs:///jobs/spark-distill/customer-support.yaml",
            "--set", "data.train=hdfs:///data/customer-support/train/",
            "--set", "data.validation=hdfs:///data/customer-support/validation/",
            "--set", "data.test=hdfs:///data/customer-support/test/",
            "--set", "output.dir=hdfs:///spark-distill/runs",
        ],
    )

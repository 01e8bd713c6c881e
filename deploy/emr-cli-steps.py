#!/usr/bin/env python3
"""Writes deploy/emr-cli-steps.json (the shape `aws emr add-steps --steps file://...` takes) from
deploy/emr-steps.json (the AddJobFlowSteps API's StepConfig list, which boto3, Step Functions and Airflow take).
The API file is the one to edit; DeployArtefactsTest checks that the two agree."""
import json
import pathlib

deploy = pathlib.Path(__file__).resolve().parent
steps = json.loads((deploy / "emr-steps.json").read_text())
cli = [{"Name": s["Name"], "ActionOnFailure": s["ActionOnFailure"], "Type": "CUSTOM_JAR",
        "Jar": s["HadoopJarStep"]["Jar"], "Args": s["HadoopJarStep"]["Args"]} for s in steps]
(deploy / "emr-cli-steps.json").write_text(json.dumps(cli, indent=2) + "\n")

package io.sparkdistill.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every deploy/ artefact uses only fields its platform documents, with values of the documented kind. The field
 * lists are copied here from the platforms' references (named on each), so a misspelt or invented key fails here
 * rather than on the platform, where some are silently ignored.
 */
class DeployPlatformSchemasTest {
    private static final Path DEPLOY = TestJobs.PROJECT.resolve("deploy");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    // Databricks Jobs API 2.1, POST /api/2.1/jobs/create (docs.databricks.com/api/workspace/jobs/create).
    private static final Set<String> DATABRICKS_JOB = Set.of("name", "description", "tags", "tasks", "job_clusters",
            "email_notifications", "webhook_notifications", "notification_settings", "timeout_seconds", "health",
            "schedule", "trigger", "continuous", "max_concurrent_runs", "git_source", "format", "queue", "parameters",
            "run_as", "edit_mode", "deployment", "access_control_list", "environments", "budget_policy_id");
    private static final Set<String> DATABRICKS_SCHEDULE = Set.of("quartz_cron_expression", "timezone_id",
            "pause_status");
    private static final Set<String> DATABRICKS_TASK = Set.of("task_key", "description", "depends_on", "run_if",
            "existing_cluster_id", "new_cluster", "job_cluster_key", "environment_key", "libraries", "spark_jar_task",
            "notebook_task", "spark_python_task", "spark_submit_task", "python_wheel_task", "sql_task", "dbt_task",
            "pipeline_task", "run_job_task", "condition_task", "for_each_task", "timeout_seconds", "max_retries",
            "min_retry_interval_millis", "retry_on_timeout", "email_notifications", "webhook_notifications",
            "notification_settings", "health", "disable_auto_optimization");
    private static final Set<String> DATABRICKS_JAR_TASK = Set.of("main_class_name", "parameters", "jar_uri",
            "run_as_repl");
    private static final Set<String> DATABRICKS_LIBRARY = Set.of("jar", "egg", "whl", "pypi", "maven", "cran",
            "requirements");
    private static final Set<String> DATABRICKS_JOB_CLUSTER = Set.of("job_cluster_key", "new_cluster");
    // ClusterSpec, the new_cluster object of the same reference.
    private static final Set<String> DATABRICKS_CLUSTER = Set.of("num_workers", "autoscale", "cluster_name",
            "spark_version", "spark_conf", "aws_attributes", "azure_attributes", "gcp_attributes", "node_type_id",
            "driver_node_type_id", "ssh_public_keys", "custom_tags", "cluster_log_conf", "init_scripts",
            "spark_env_vars", "autotermination_minutes", "enable_elastic_disk", "instance_pool_id",
            "driver_instance_pool_id", "policy_id", "apply_policy_default_values", "enable_local_disk_encryption",
            "runtime_engine", "data_security_mode", "single_user_name", "docker_image", "workload_type", "kind",
            "is_single_node", "use_ml_runtime");
    private static final Set<String> DATABRICKS_SECURITY_MODES = Set.of("NONE", "SINGLE_USER", "USER_ISOLATION",
            "LEGACY_TABLE_ACL", "LEGACY_PASSTHROUGH", "LEGACY_SINGLE_USER", "LEGACY_SINGLE_USER_STANDARD",
            "DATA_SECURITY_MODE_AUTO", "DATA_SECURITY_MODE_STANDARD", "DATA_SECURITY_MODE_DEDICATED");

    // Amazon EMR API reference: StepConfig, HadoopJarStepConfig, KeyValue, Configuration
    // (docs.aws.amazon.com/emr/latest/APIReference/API_StepConfig.html and neighbours).
    private static final Set<String> EMR_STEP = Set.of("Name", "ActionOnFailure", "HadoopJarStep", "StepMonitoringConfiguration");
    private static final Set<String> EMR_JAR_STEP = Set.of("Jar", "Args", "MainClass", "Properties");
    private static final Set<String> EMR_ACTIONS = Set.of("TERMINATE_JOB_FLOW", "TERMINATE_CLUSTER",
            "CANCEL_AND_WAIT", "CONTINUE");
    // AWS CLI reference, aws emr add-steps --steps (docs.aws.amazon.com/cli/latest/reference/emr/add-steps.html).
    private static final Set<String> EMR_CLI_STEP = Set.of("Type", "Name", "ActionOnFailure", "Jar", "Args",
            "MainClass", "Properties");
    private static final Set<String> EMR_CONFIGURATION = Set.of("Classification", "Properties", "Configurations");
    // EMR release guide, "Configure applications" and YARN's GPU isolation (hadoop.apache.org UsingGpus.html).
    private static final Set<String> EMR_CLASSIFICATIONS = Set.of("yarn-site", "capacity-scheduler",
            "container-executor", "spark-defaults", "gpu", "cgroups");

    // kubeflow/spark-operator, API reference of sparkoperator.k8s.io/v1beta2 (docs/api-docs.md).
    private static final Set<String> OPERATOR_APPLICATION = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> OPERATOR_SPEC = Set.of("type", "sparkVersion", "mode", "proxyUser", "image",
            "imagePullPolicy", "imagePullSecrets", "mainClass", "mainApplicationFile", "arguments", "sparkConf",
            "hadoopConf", "sparkConfigMap", "hadoopConfigMap", "volumes", "driver", "executor", "deps",
            "restartPolicy", "nodeSelector", "failureRetries", "retryInterval", "pythonVersion",
            "memoryOverheadFactor", "monitoring", "batchScheduler", "timeToLiveSeconds", "batchSchedulerOptions",
            "sparkUIOptions", "driverIngressOptions", "dynamicAllocation");
    private static final Set<String> OPERATOR_POD = Set.of("cores", "coreLimit", "memory", "memoryOverhead", "gpu",
            "image", "configMaps", "secrets", "env", "envVars", "envFrom", "labels", "annotations", "volumeMounts",
            "affinity", "tolerations", "podSecurityContext", "securityContext", "schedulerName", "sidecars",
            "initContainers", "hostNetwork", "nodeSelector", "dnsConfig", "terminationGracePeriodSeconds",
            "serviceAccount", "hostAliases", "shareProcessNamespace", "template",
            // DriverSpec and ExecutorSpec add:
            "podName", "coreRequest", "javaOptions", "lifecycle", "kubernetesMaster", "serviceAnnotations",
            "serviceLabels", "ports", "priorityClassName", "instances", "deleteOnTermination");
    private static final Set<String> OPERATOR_GPU = Set.of("name", "quantity");
    private static final Set<String> OPERATOR_RESTART = Set.of("type", "onSubmissionFailureRetries",
            "onFailureRetries", "onSubmissionFailureRetryInterval", "onFailureRetryInterval");

    @Test
    void theDatabricksJobsUseOnlyJobsApiFieldsAndADedicatedClusterNamesItsUser() throws Exception {
        for (String file : new String[]{"databricks-job.json", "databricks-job-gpu.json"}) {
            JsonNode job = JSON.readTree(DEPLOY.resolve(file).toFile());
            assertFields(job, DATABRICKS_JOB, file);
            assertFields(job.get("schedule"), DATABRICKS_SCHEDULE, file + " schedule");
            for (JsonNode task : job.get("tasks")) {
                assertFields(task, DATABRICKS_TASK, file + " task");
                assertFields(task.get("spark_jar_task"), DATABRICKS_JAR_TASK, file + " spark_jar_task");
                task.get("libraries").forEach(l -> assertFields(l, DATABRICKS_LIBRARY, file + " library"));
            }
            for (JsonNode jobCluster : job.get("job_clusters")) {
                assertFields(jobCluster, DATABRICKS_JOB_CLUSTER, file + " job cluster");
                JsonNode cluster = jobCluster.get("new_cluster");
                assertFields(cluster, DATABRICKS_CLUSTER, file + " new_cluster");
                String mode = cluster.get("data_security_mode").asText();
                assertTrue(DATABRICKS_SECURITY_MODES.contains(mode), file + ": data_security_mode " + mode);
                if (mode.equals("SINGLE_USER") || mode.equals("DATA_SECURITY_MODE_DEDICATED")) {
                    assertTrue(cluster.path("single_user_name").asText().matches("[^@\\s]+@[^@\\s]+"),
                            file + ": a dedicated cluster needs single_user_name");
                }
                assertTrue(cluster.get("spark_conf").isObject(), file);
                cluster.get("spark_conf").fields().forEachRemaining(e ->
                        assertTrue(e.getValue().isTextual(), file + ": spark_conf values are strings: " + e.getKey()));
            }
        }
    }

    @Test
    void theEmrStepsAreAddJobFlowStepsStepConfigsAndTheCliFileTheCliShape() throws Exception {
        for (String file : new String[]{"emr-steps.json", "emr-steps-gpu.json"}) {
            for (JsonNode step : JSON.readTree(DEPLOY.resolve(file).toFile())) {
                assertFields(step, EMR_STEP, file);
                assertTrue(step.get("Name").asText().length() <= 256, file + ": Name is at most 256 characters");
                assertTrue(EMR_ACTIONS.contains(step.get("ActionOnFailure").asText()), file);
                assertFields(step.get("HadoopJarStep"), EMR_JAR_STEP, file + " HadoopJarStep");
                step.get("HadoopJarStep").get("Args").forEach(a -> assertTrue(a.isTextual(), file));
            }
        }
        for (JsonNode step : JSON.readTree(DEPLOY.resolve("emr-cli-steps.json").toFile())) {
            assertFields(step, EMR_CLI_STEP, "emr-cli-steps.json");
        }
    }

    @Test
    void theEmrGpuConfigurationsTurnOnYarnGpuIsolationAndSparksDiscovery() throws Exception {
        JsonNode configurations = JSON.readTree(DEPLOY.resolve("emr-gpu-configurations.json").toFile());
        assertConfigurations(configurations);
        assertEquals("yarn.io/gpu", classification(configurations, "yarn-site").get("yarn.resource-types").asText());
        assertEquals("yarn.io/gpu",
                classification(configurations, "yarn-site").get("yarn.nodemanager.resource-plugins").asText());
        assertEquals("org.apache.hadoop.yarn.util.resource.DominantResourceCalculator",
                classification(configurations, "capacity-scheduler")
                        .get("yarn.scheduler.capacity.resource-calculator").asText(),
                "YARN schedules GPUs only with the dominant resource calculator");
        assertTrue(classification(configurations, "spark-defaults")
                .get("spark.executor.resource.gpu.discoveryScript").asText().endsWith("getGpusResources.sh"));
    }

    @Test
    void theSparkApplicationsUseOnlyOperatorFieldsAndTheGpuOneAsksForGpusItsImageCanFind() throws Exception {
        for (String file : new String[]{"spark-application.yaml", "spark-application-gpu.yaml"}) {
            JsonNode app = YAML.readTree(DEPLOY.resolve(file).toFile());
            assertFields(app, OPERATOR_APPLICATION, file);
            JsonNode spec = app.get("spec");
            assertFields(spec, OPERATOR_SPEC, file + " spec");
            assertFields(spec.get("restartPolicy"), OPERATOR_RESTART, file + " restartPolicy");
            for (String role : new String[]{"driver", "executor"}) {
                assertFields(spec.get(role), OPERATOR_POD, file + " " + role);
            }
            spec.get("sparkConf").fields().forEachRemaining(e ->
                    assertTrue(e.getValue().isTextual(), file + ": sparkConf values are strings: " + e.getKey()));
        }
        JsonNode gpu = YAML.readTree(DEPLOY.resolve("spark-application-gpu.yaml").toFile()).get("spec");
        JsonNode executorGpu = gpu.get("executor").get("gpu");
        assertFields(executorGpu, OPERATOR_GPU, "executor.gpu");
        assertEquals("nvidia.com/gpu", executorGpu.get("name").asText());
        JsonNode conf = gpu.get("sparkConf");
        assertEquals(executorGpu.get("quantity").asText(), conf.get("spark.executor.resource.gpu.amount").asText(),
                "Spark's executor GPU amount is what the pod gets");
        double perTask = Double.parseDouble(conf.get("spark.task.resource.gpu.amount").asText());
        assertTrue(perTask > 0 && perTask <= 1 && (1 / perTask) == Math.rint(1 / perTask),
                "a task takes a whole GPU or 1/n of one: " + perTask);
        assertEquals("nvidia.com", conf.get("spark.executor.resource.gpu.vendor").asText());
        String script = conf.get("spark.executor.resource.gpu.discoveryScript").asText();
        assertTrue(Files.readString(DEPLOY.resolve("Dockerfile"))
                        .contains("deploy/getGpusResources.sh " + script.substring(0, script.lastIndexOf('/') + 1)),
                "the Dockerfile puts the discovery script at " + script);
    }

    private static void assertConfigurations(JsonNode configurations) {
        for (JsonNode configuration : configurations) {
            assertFields(configuration, EMR_CONFIGURATION, "EMR configuration");
            String name = configuration.get("Classification").asText();
            assertTrue(EMR_CLASSIFICATIONS.contains(name), "classification " + name);
            configuration.get("Properties").fields().forEachRemaining(e ->
                    assertTrue(e.getValue().isTextual(), name + ": property values are strings: " + e.getKey()));
            if (configuration.has("Configurations")) {
                assertConfigurations(configuration.get("Configurations"));
            }
        }
    }

    private static JsonNode classification(JsonNode configurations, String name) {
        for (JsonNode configuration : configurations) {
            if (configuration.get("Classification").asText().equals(name)) {
                return configuration.get("Properties");
            }
        }
        return fail("no " + name + " classification");
    }

    private static void assertFields(JsonNode node, Set<String> documented, String where) {
        assertTrue(node != null && node.isObject(), where + " is an object");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertTrue(documented.contains(name), where + ": '" + name + "' is not a documented field");
        }
    }
}

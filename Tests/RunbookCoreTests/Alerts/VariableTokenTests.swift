import Testing

@testable import RunbookCore

struct VariableTokenTests {
    @Test(arguments: [
        "10.7.0.237", "10.42.3.27:9093", "(10.0.7.182:9100)", "fe80::1ff:fe23:4567:890a", "ip-10-7-0-78",
        "ip-10-0-9-77.us-west-2.compute.internal", "redis-03-db-gprd.c.example.net", "worker-2.ocp4.corp.internal",
        "db.service.consul.local", "3f2a9c1e-77b0-4e8e-9d61-0c5b2a7e4f11", "6f1e0b8c2a7d4e9f8b3c5a1d0e7f9c2b",
        "0x7ffd1c2b", "a3a328a4f21fc22d", "A7xQ2mZk9Lp", "fmT0KbL5X", "nvme0n1p1", "i-0b5e81c2d3f4a5b6c", "1045",
        "87.5%", "3.9G", "0.8124s", "10m", "v2.6.0", "#4521", "2am", "2026-03-02T07:41:03Z", "12/03/26", "14:25:00",
        "/dev/root", "/var/lib/containers", "~/.ssh/config", "lms/djangoapps/grades/tasks.py",
        "https://example.com/x", "'v-edxa-fmT0KbL5X'@'10.7.0.237'", "ops@example.com", "C:\\logs",
        "\"1045,", "10-7-0-78", "console-01-sv-gprd", "redis-sidekiq-02", "patroni-ci-2004-03",
    ])
    func variableTokens(token: String) {
        #expect(VariableToken.isVariable(token))
    }

    @Test(arguments: [
        "DiskUsageWarning", "xqwatcher", "odl-video-service", "5xx", "HTTP5xx", "ext4", "k8s", "s3", "ec2",
        "sha256", "utf8mb4", "oauth2", "gitlab.com", "customers.gitlab.com", "ctms.web", "model/limit-increase",
        "integrations/linux_host", "InvalidAccessKeyProduction", "production", "compute_grades_for_course_v2",
        "kube-state-metrics", "etcd-cp-b", "pg_txid_xmin_age", "", "--", "m6i.4xlarge", "error-500", "pg-15",
        "python-3-11",
    ])
    func meaningfulTokens(token: String) {
        #expect(!VariableToken.isVariable(token))
    }

    @Test(arguments: [
        "production", "Prod", "staging", "qa", "dev", "rc", "gprd", "gstg", "mitx-production", "production-apps",
        "apps_prod", "(applications-production)", "pre-prod",
    ])
    func environmentWords(token: String) {
        #expect(VariableToken.isEnvironmentWord(token))
    }

    @Test(arguments: [
        "InvalidAccessKeyProduction", "productionize", "facebook-connector-worker-prod", "mitx", "xqwatcher",
        "test", "main", "canary", "",
    ])
    func otherWordsAreNoEnvironment(token: String) {
        #expect(!VariableToken.isEnvironmentWord(token))
    }
}

package dev.duoconformance.runtime.kubernetes;

/** What the suite asks the Kubernetes API for, as RBAC spells it; the Role in docs/runtime.md grants exactly these. */
public enum Permission {
    LIST_PODS("list", "pods", true),
    GET_PODS("get", "pods", true),
    GET_POD_LOGS("get", "pods/log", true),
    CREATE_POD_EXEC("create", "pods/exec", true),
    GET_CONFIGMAPS("get", "configmaps", true),
    GET_NODES("get", "nodes", false);

    private final String verb;
    private final String resource;
    private final boolean namespaced;

    Permission(String verb, String resource, boolean namespaced) {
        this.verb = verb;
        this.resource = resource;
        this.namespaced = namespaced;
    }

    /** e.g. {@code 'create' on 'pods/exec' in namespace 'gitlab'}, {@code 'get' on 'nodes' (cluster-wide: a ClusterRole)}. */
    public String describe(String namespace) {
        return "'" + verb + "' on '" + resource + "'"
                + (namespaced ? " in namespace '" + namespace + "'" : " (cluster-wide: a ClusterRole)");
    }

    public String verb() {
        return verb;
    }

    public String resource() {
        return resource;
    }
}

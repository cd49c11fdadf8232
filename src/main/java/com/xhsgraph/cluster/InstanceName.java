package com.xhsgraph.cluster;

/** This process as operators know it: the host name (a pod's name on Kubernetes) and the process id. */
final class InstanceName {

    private InstanceName() {}

    static String get() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "instance" : host) + ":" + ProcessHandle.current().pid();
    }
}

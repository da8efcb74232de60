/**
 * What GitLab, the AI gateway and the model servers do, as read in their source, in small pure pieces the sections
 * consult: which health-check probe targets what, which 429 came from where, GitLab's own timeouts, the forms of the
 * gateway's troubleshooting script. Each names the file of GitLab's or the AI gateway's source it follows. ("Upstream" in the
 * rest of the suite means a section another depends on.)
 */
package dev.duoconformance.behaviour;

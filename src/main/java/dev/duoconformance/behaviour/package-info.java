/**
 * What GitLab, the AI gateway and the model servers do, as read in their source, in small pure pieces the rules
 * consult: which health-check probe targets what, which 429 came from where, GitLab's own timeouts, the forms of the
 * gateway's troubleshooting script. Each names the upstream file it follows.
 */
package dev.duoconformance.behaviour;

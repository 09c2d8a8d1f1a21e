"""Active probes: bounded HTTP against a target that allows them (injection, access,
session, headers). Never changes or deletes what a probe did not create."""

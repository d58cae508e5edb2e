# Policy: retention, subject rights, exports, rescans (docs/policy.md).

POLICY_SCALE ?= 1000000
## policy-scale: time the policy's statements (resolve, report, block,
## retention, revoke, erase) on POLICY_SCALE generated records in the
## embedded engine.
.PHONY: policy-scale
policy-scale:
	TAZALA_LIBCHDB=$(CURDIR)/.cache/chdb/libchdb.so TAZALA_POLICY_SCALE=$(POLICY_SCALE) \
		$(GO) test -count=1 -run '^TestScale$$' -v ./policy

# Precision on PII-free operational logs (issue 12, item 2): findings per
# kind on both parts of internal/blindc, counted in-process by
# TestBlindOpsLogs (scanner/blindc_test.go). Tune must give none; Held is
# only counted, never printed line by line.

.PHONY: blindc-count
## blindc-count: findings per kind on 10,000 lines of each internal/blindc part (Tune must be 0, Held is the honest figure).
blindc-count:
	$(GO) test -count=1 -run '^TestBlindOpsLogs$$' -v ./scanner/ | grep -E 'blindc (tune|held)|^(ok|FAIL|---)'

# Over-long records (issue 10, items 1 and 3): the fuzz targets of the
# windowed path. FuzzWindows scans records longer than MaxLine (text, JSON
# arrays, JSON keys) whole and in windows and requires no value the whole
# scan finds to survive and valid JSON to stay valid; FuzzJoinWindows joins
# windows whose findings disagree at random and requires valid JSON.

.PHONY: fuzz-windows

## fuzz-windows: run the windowed-record fuzz targets for FUZZTIME each.
fuzz-windows:
	$(GO) test -run='^$$' -fuzz='^FuzzWindows$$' -fuzztime=$(FUZZTIME) ./scanfile
	$(GO) test -run='^$$' -fuzz='^FuzzJoinWindows$$' -fuzztime=$(FUZZTIME) ./scanfile

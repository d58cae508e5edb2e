module github.com/tazala/tazala

go 1.26.8

//go:build !linux

package chdb

type sigactions struct{}

func saveSignals() *sigactions { return &sigactions{} }

func (*sigactions) restore() {}

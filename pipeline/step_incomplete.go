package pipeline

// Incomplete reports whether a user rule timed out on the last record
// added with Scan or ScanText (scanner.Scanner.Incomplete): the record may
// hold a value the rule would have found, so it is not known clean.
func (s *Step) Incomplete() bool { return s.sc.Incomplete() }

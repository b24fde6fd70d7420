package gclog

// unifiedFamily reads HotSpot unified logging (-Xlog), JDK 9 to 25.
var unifiedFamily = family{
	name:      "hotspot-unified",
	claims:    func(line []byte) bool { return false },
	newParser: func(out *emitter) lineParser { return nil },
}

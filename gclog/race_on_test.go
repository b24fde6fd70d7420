//go:build race

package gclog

// raceBuild is set under the race detector, which makes tests ~10x slower.
const raceBuild = true

package record

// ExtractAnswers gives the tests of the answers block's format the block itself; everything else
// reads answers through ReadAnswers.
var ExtractAnswers = extractAnswers

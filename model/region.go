package model

// ChinaID is China's country id. casia is about China and the five Central
// Asian states, and China's population, GDP and area dwarf theirs (a
// population 37 times Uzbekistan's), so charts and comparisons set the
// five's scale without China and show China apart.
const ChinaID = "cn"

# cmake -DINPUT=<file> -DOUTPUT=<file.cc> -DSYMBOL=<name> -P EmbedText.cmake
#
# Writes a C++ source file that defines `extern const char SYMBOL[]` holding
# the text of INPUT, so that a binary carries its data file with it.
file(READ "${INPUT}" text)
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT} by EmbedText.cmake; do not edit.\n"
  "extern const char ${SYMBOL}[];\n"
  "const char ${SYMBOL}[] = R\"gtest_fx_text(${text})gtest_fx_text\";\n")

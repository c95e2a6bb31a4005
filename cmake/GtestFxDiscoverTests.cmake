# gtest_fx_discover_tests(<target> [DISCOVERY_MODE POST_BUILD|PRE_TEST])
#
# Registers every GoogleTest case of <target> with CTest, through GoogleTest's
# own discovery (gtest_discover_tests), and labels each generated case with
# its tracing mode and data variant: `ctest -L fake`, `ctest -L randomized`.
# Every case also carries the label `gtest_fx`; cases that gtest_fx did not
# generate (plain TEST()s) are registered too, labelled `other`.
include_guard(GLOBAL)
include(GoogleTest)

function(gtest_fx_discover_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "DISCOVERY_MODE;WORKING_DIRECTORY" "")
  if(NOT arg_DISCOVERY_MODE)
    set(arg_DISCOVERY_MODE POST_BUILD)
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  foreach(mode real fake symbolic)
    foreach(data original randomized)
      gtest_discover_tests(${target}
        TEST_FILTER "MakeFx/OpTest.Trace/*_${mode}_${data}"
        DISCOVERY_MODE ${arg_DISCOVERY_MODE}
        WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}"
        PROPERTIES LABELS "gtest_fx;${mode};${data}")
    endforeach()
  endforeach()
  gtest_discover_tests(${target}
    TEST_FILTER "-MakeFx/OpTest.Trace/*"
    DISCOVERY_MODE ${arg_DISCOVERY_MODE}
    WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}"
    PROPERTIES LABELS "other")
endfunction()

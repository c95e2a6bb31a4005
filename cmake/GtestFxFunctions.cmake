# The CMake functions gtest_fx users call.
#
# gtest_fx_discover_tests(<target> [DISCOVERY_MODE POST_BUILD|PRE_TEST]
#                         [WORKING_DIRECTORY dir] [TEST_PREFIX prefix]
#                         [LABELS label...])
#
# Registers every GoogleTest case of <target> with CTest, through GoogleTest's
# own discovery (gtest_discover_tests), and labels each generated case with
# `gtest_fx`, its tracing mode and its data variant, so that `ctest -L fake`
# or `ctest -L randomized` select them. Cases that gtest_fx did not generate
# (plain TEST()s in the same binary) are registered too, labelled `other`.
# LABELS adds labels to every test of the target. TEST_PREFIX is prepended to
# the ctest names, to keep apart binaries that register ops of the same name
# (CTest test names are global to a build).
include_guard(GLOBAL)
include(GoogleTest)

function(gtest_fx_discover_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg ""
    "DISCOVERY_MODE;WORKING_DIRECTORY;TEST_PREFIX" "LABELS")
  if(NOT arg_DISCOVERY_MODE)
    set(arg_DISCOVERY_MODE POST_BUILD)
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  # gtest_discover_tests writes each label as a property of its own, so a list
  # of labels is set afterwards, from the lists of discovered tests, by a file
  # that CTest includes after the discovered tests.
  set(labels_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_gtest_fx_labels.cmake")
  set(labels_script "")
  set(extra_labels "")
  foreach(label IN LISTS arg_LABELS)
    string(APPEND extra_labels ";${label}")
  endforeach()
  foreach(mode real fake symbolic)
    foreach(data original randomized)
      set(list_var "gtest_fx_${target}_${mode}_${data}")
      gtest_discover_tests(${target}
        TEST_FILTER "MakeFx/OpTest.Trace/*_${mode}_${data}"
        TEST_LIST ${list_var}
        NO_PRETTY_VALUES
        TEST_PREFIX "${arg_TEST_PREFIX}"
        DISCOVERY_MODE ${arg_DISCOVERY_MODE}
        WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")
      string(APPEND labels_script
        "if(${list_var})\n"
        "  set_tests_properties(\${${list_var}} PROPERTIES LABELS \"gtest_fx;${mode};${data}${extra_labels}\")\n"
        "endif()\n")
    endforeach()
  endforeach()
  gtest_discover_tests(${target}
    TEST_FILTER "-MakeFx/OpTest.Trace/*"
    TEST_LIST "gtest_fx_${target}_other"
    NO_PRETTY_VALUES
    TEST_PREFIX "${arg_TEST_PREFIX}"
    DISCOVERY_MODE ${arg_DISCOVERY_MODE}
    WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")
  string(APPEND labels_script
    "if(gtest_fx_${target}_other)\n"
    "  set_tests_properties(\${gtest_fx_${target}_other} PROPERTIES LABELS \"other${extra_labels}\")\n"
    "endif()\n")
  file(WRITE "${labels_file}" "${labels_script}")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${labels_file}")
endfunction()

# gtest_fx_link_ops(<target> <library>...)
#
# Links static libraries whose object files hold GTEST_FX_REGISTER_OP calls
# into <target> whole. A linker copies an object file out of a static library
# only when something references it, and nothing references a registration, so
# without this the ops are dropped. (An OBJECT library, or listing the source
# files in the test target, needs no help.)
function(gtest_fx_link_ops target)
  foreach(library IN LISTS ARGN)
    target_link_libraries(${target} PRIVATE
      "$<LINK_LIBRARY:WHOLE_ARCHIVE,${library}>")
  endforeach()
endfunction()

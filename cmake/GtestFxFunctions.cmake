# The CMake functions gtest_fx users call.
#
# gtest_fx_discover_tests(<target> [GRANULARITY CASE|OP|SHARDS <n>]
#                         [DISCOVERY_MODE POST_BUILD|PRE_TEST]
#                         [WORKING_DIRECTORY dir] [TEST_PREFIX prefix]
#                         [LABELS label...])
#
# Registers the GoogleTest cases of <target> with CTest. GRANULARITY says how
# many CTest tests, that is how many processes, they become; each process pays
# LibTorch's start-up (about 0.4 s), which is more than most cases cost:
#
#   CASE (the default): one CTest test per GoogleTest case, through GoogleTest's
#     own discovery (gtest_discover_tests). Each generated case
#     `MakeFx/OpTest.Trace/<op>_<mode>_<data>` is labelled `gtest_fx`, its
#     tracing mode and its data variant, so that `ctest -L fake` or
#     `ctest -L randomized` select them; each gradient case
#     `MakeFx/OpGradTest.Grad/<op>_<mode>_<data>` is labelled the same and
#     `grad` (`ctest -L grad`, or `-LE grad` to leave them out); each
#     `OpCheck/OpTest.<Check>/<op>` case is labelled `gtest_fx`, `op_check`
#     and <Check> (`Schema`, `MetaKernel`, `AutogradRegistration`,
#     `GradCheck`). Every case of an op is also
#     labelled `op:<op>`: `ctest -L '^op:axpy$'` runs exactly axpy's cases
#     and op checks. Other tests (plain TEST()s in the same binary) are
#     labelled `other`.
#   OP: one CTest test per registered op, named `<prefix><target>/<op>`,
#     running exactly that op's cases (its MakeFx cases, gradient cases and
#     OpCheck cases, named one by one in a --gtest_filter) and labelled `gtest_fx`
#     and `op`.
#     The ops are known only once the binary is built, so a POST_BUILD step
#     lists them (cmake/GtestFxDiscoverOps.cmake); PRE_TEST is not supported.
#     Other tests are registered one per test, labelled `other`, as in CASE.
#   SHARDS <n>: <n> CTest tests, `<prefix><target>/shard_<i>_of_<n>`, each
#     running one shard of all the binary's tests through GoogleTest's
#     sharding (the ENVIRONMENT properties GTEST_TOTAL_SHARDS=<n> and
#     GTEST_SHARD_INDEX=<i>), labelled `gtest_fx` and `shard`. Needs no
#     discovery.
#
# In OP and SHARDS granularity a CTest test passes when its process exits with
# 0: a skipped case does not mark the whole test skipped, as it does in CASE
# granularity, where one test is one case.
#
# LABELS adds labels to every test of the target. TEST_PREFIX is prepended to
# the ctest names, to keep apart binaries that register ops of the same name
# (CTest test names are global to a build).
include_guard(GLOBAL)
include(GoogleTest)

function(gtest_fx_discover_tests target)
  # GoogleTest's module keeps the path of its discovery script in a variable
  # of the directory that included it: included here, it is seen wherever
  # this function is called, also from a project that reached gtest_fx
  # through add_subdirectory or FetchContent (where the include at the top of
  # this file ran in gtest_fx's own directory).
  include(GoogleTest)
  cmake_parse_arguments(PARSE_ARGV 1 arg ""
    "DISCOVERY_MODE;WORKING_DIRECTORY;TEST_PREFIX" "LABELS;GRANULARITY")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "gtest_fx_discover_tests(${target}): unknown "
      "arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_DISCOVERY_MODE)
    set(arg_DISCOVERY_MODE POST_BUILD)
  endif()
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  set(granularity CASE)
  list(LENGTH arg_GRANULARITY granularity_args)
  if(granularity_args GREATER 0)
    list(GET arg_GRANULARITY 0 granularity)
  endif()
  if(granularity STREQUAL "SHARDS")
    if(NOT granularity_args EQUAL 2)
      message(FATAL_ERROR "gtest_fx_discover_tests(${target}): write "
        "GRANULARITY SHARDS <n>, with the number of shards")
    endif()
    list(GET arg_GRANULARITY 1 shards)
    if(NOT shards MATCHES "^[1-9][0-9]*$")
      message(FATAL_ERROR "gtest_fx_discover_tests(${target}): GRANULARITY "
        "SHARDS needs a positive number of shards, not '${shards}'")
    endif()
  elseif(NOT granularity MATCHES "^(CASE|OP)$" OR NOT granularity_args LESS 2)
    message(FATAL_ERROR "gtest_fx_discover_tests(${target}): GRANULARITY is "
      "CASE, OP or SHARDS <n>, not '${arg_GRANULARITY}'")
  endif()
  set(extra_labels "")
  foreach(label IN LISTS arg_LABELS)
    string(APPEND extra_labels ";${label}")
  endforeach()

  if(granularity STREQUAL "SHARDS")
    math(EXPR last "${shards} - 1")
    foreach(index RANGE ${last})
      set(test "${arg_TEST_PREFIX}${target}/shard_${index}_of_${shards}")
      add_test(NAME "${test}" COMMAND ${target}
        WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")
      set_tests_properties("${test}" PROPERTIES
        ENVIRONMENT "GTEST_TOTAL_SHARDS=${shards};GTEST_SHARD_INDEX=${index}"
        LABELS "gtest_fx;shard${extra_labels}")
    endforeach()
    return()
  endif()

  # A target may be registered more than once (e.g. per case and per op,
  # under different prefixes): each call gets files of its own.
  get_property(calls TARGET ${target} PROPERTY GTEST_FX_DISCOVERY_CALLS)
  if(NOT calls)
    set(calls 0)
  endif()
  math(EXPR calls "${calls} + 1")
  set_property(TARGET ${target} PROPERTY GTEST_FX_DISCOVERY_CALLS ${calls})
  set(files_stem "${CMAKE_CURRENT_BINARY_DIR}/${target}_gtest_fx_${calls}")

  # Tests that gtest_fx did not generate: one CTest test each, labelled
  # `other`; in CASE granularity, gtest_fx's cases too (one listing of the
  # binary for all of them).
  if(granularity STREQUAL "OP")
    set(filter "-MakeFx/OpTest.Trace/*:MakeFx/OpGradTest.Grad/*:OpCheck/OpTest.*")
  else()
    set(filter "*")
  endif()
  set(list_var "gtest_fx_${target}_${calls}_tests")
  # The listing loads LibTorch, about 0.4 s on a quiet machine; on a 2-core
  # machine busy with the rest of the build it has taken over 5 s, the
  # default limit, which fails the build. The limit only guards a hang.
  gtest_discover_tests(${target}
    TEST_FILTER "${filter}"
    TEST_LIST ${list_var}
    NO_PRETTY_VALUES
    TEST_PREFIX "${arg_TEST_PREFIX}"
    DISCOVERY_MODE ${arg_DISCOVERY_MODE}
    DISCOVERY_TIMEOUT 60
    WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")

  # gtest_discover_tests writes each label as a property of its own, so the
  # labels are set afterwards, from the list of discovered tests, by a file
  # that CTest includes after the discovered tests. It sorts the names by
  # what they are and labels each group at once.
  string(LENGTH "${arg_TEST_PREFIX}" prefix_length)
  set(labels_file "${files_stem}_labels.cmake")
  set(labels_script [=[
# Generated by gtest_fx_discover_tests: labels the tests of @target@.
set(gtest_fx_groups "")
foreach(gtest_fx_test IN LISTS @list_var@)
  string(SUBSTRING "${gtest_fx_test}" @prefix_length@ -1 gtest_fx_name)
  if(gtest_fx_name MATCHES "^MakeFx/OpTest\\.Trace/([A-Za-z0-9_]+)_(real|fake|symbolic)_(original|randomized)$")
    set(gtest_fx_group "gtest_fx;${CMAKE_MATCH_2};${CMAKE_MATCH_3};op:${CMAKE_MATCH_1}")
  elseif(gtest_fx_name MATCHES "^MakeFx/OpGradTest\\.Grad/([A-Za-z0-9_]+)_(real|fake|symbolic)_(original|randomized)$")
    set(gtest_fx_group "gtest_fx;grad;${CMAKE_MATCH_2};${CMAKE_MATCH_3};op:${CMAKE_MATCH_1}")
  elseif(gtest_fx_name MATCHES "^OpCheck/OpTest\\.([A-Za-z0-9_]+)/([A-Za-z0-9_]+)$")
    set(gtest_fx_group "gtest_fx;op_check;${CMAKE_MATCH_1};op:${CMAKE_MATCH_2}")
  else()
    set(gtest_fx_group "other")
  endif()
  string(REPLACE ";" "__" gtest_fx_key "${gtest_fx_group}")
  if(NOT DEFINED gtest_fx_group_${gtest_fx_key})
    list(APPEND gtest_fx_groups "${gtest_fx_key}")
    set(gtest_fx_labels_${gtest_fx_key} "${gtest_fx_group}")
  endif()
  list(APPEND gtest_fx_group_${gtest_fx_key} "${gtest_fx_test}")
endforeach()
foreach(gtest_fx_key IN LISTS gtest_fx_groups)
  set_tests_properties(${gtest_fx_group_${gtest_fx_key}} PROPERTIES
    LABELS "${gtest_fx_labels_${gtest_fx_key}}@extra_labels@")
  unset(gtest_fx_group_${gtest_fx_key})
endforeach()
]=])
  string(CONFIGURE "${labels_script}" labels_script @ONLY)
  file(WRITE "${labels_file}" "${labels_script}")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${labels_file}")
  if(granularity STREQUAL "CASE")
    return()
  endif()

  # OP: one test per op, from a listing of the built binary.
  if(NOT arg_DISCOVERY_MODE STREQUAL "POST_BUILD")
    message(FATAL_ERROR "gtest_fx_discover_tests(${target}): GRANULARITY OP "
      "needs DISCOVERY_MODE POST_BUILD")
  endif()
  set(ops_file "${files_stem}_ops.cmake")
  set(params_file "${files_stem}_ops_params.cmake")
  file(WRITE "${params_file}"
    "set(TEST_TARGET [==[${target}]==])\n"
    "set(TEST_PREFIX [==[${arg_TEST_PREFIX}]==])\n"
    "set(TEST_LABELS [==[${arg_LABELS}]==])\n"
    "set(TEST_WORKING_DIR [==[${arg_WORKING_DIRECTORY}]==])\n"
    "set(TEST_TIMEOUT 60)\n"
    "set(CTEST_FILE [==[${ops_file}]==])\n")
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND "${CMAKE_COMMAND}" "-DTEST_EXECUTABLE=$<TARGET_FILE:${target}>"
            "-DPARAMS_FILE=${params_file}"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/GtestFxDiscoverOps.cmake"
    BYPRODUCTS "${ops_file}"
    VERBATIM)
  set(loader_file "${files_stem}_ops_include.cmake")
  file(WRITE "${loader_file}"
    "if(EXISTS [==[${ops_file}]==])\n"
    "  include([==[${ops_file}]==])\n"
    "else()\n"
    "  add_test([==[${target}_gtest_fx_ops_NOT_BUILT]==] [==[${target}_gtest_fx_ops_NOT_BUILT]==])\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${loader_file}")
endfunction()

# gtest_fx_link_ops(<target> <library>...)
#
# Links libraries whose ops or registrations <target> names only by string
# (GTEST_FX_REGISTER_DISPATCHER_OP("mylib::op"), GTEST_FX_REGISTER_OP in a
# library) so that the linker keeps them:
# - a static library is linked whole: a linker copies an object file out of
#   it only when something references it, and nothing references a
#   registration;
# - a shared library is linked with --no-as-needed on Linux: GCC as Debian
#   and Ubuntu configure it passes --as-needed, which drops a library that no
#   symbol of the binary uses, and with it the TORCH_LIBRARY that defines the
#   ops ("the dispatcher knows no op 'mylib::op'").
# An OBJECT library, or listing the source files in the test target, needs no
# help. A library that is neither a target nor a static archive is treated as
# shared.
function(gtest_fx_link_ops target)
  foreach(library IN LISTS ARGN)
    set(type "")
    if(TARGET ${library})
      get_target_property(type ${library} TYPE)
    elseif(library MATCHES "\\.a$")
      set(type STATIC_LIBRARY)
    endif()
    if(type STREQUAL "STATIC_LIBRARY")
      target_link_libraries(${target} PRIVATE
        "$<LINK_LIBRARY:WHOLE_ARCHIVE,${library}>")
    elseif(type STREQUAL "OBJECT_LIBRARY" OR type STREQUAL "INTERFACE_LIBRARY")
      target_link_libraries(${target} PRIVATE ${library})
    else()
      target_link_libraries(${target} PRIVATE
        "$<$<PLATFORM_ID:Linux>:-Wl,--no-as-needed>" ${library}
        "$<$<PLATFORM_ID:Linux>:-Wl,--as-needed>")
    endif()
  endforeach()
endfunction()

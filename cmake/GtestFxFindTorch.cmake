# Finds LibTorch for gtest_fx and for projects that use an installed gtest_fx,
# and stops configuration with a message that says what to do when the
# LibTorch found cannot work: none found, one older than gtest_fx supports,
# or one built with the pre-C++11 string ABI, which Debian's GoogleTest and
# abseil cannot link with.
#
# Example:
#   include(GtestFxFindTorch)
#   gtest_fx_find_torch()                # defines the imported target `torch`
#   gtest_fx_find_torch(BUILT_WITH 2.13.0)  # in gtest_fxConfig.cmake

# The oldest LibTorch gtest_fx accepts. CI tests 2.13.0.
set(GTEST_FX_MIN_TORCH_VERSION 2.13)

function(gtest_fx_find_torch)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "BUILT_WITH" "")
  # Imported targets visible to the whole project, so that a project that
  # takes gtest_fx in with add_subdirectory or FetchContent can link them.
  set(CMAKE_FIND_PACKAGE_TARGETS_GLOBAL ON)
  find_package(Torch CONFIG QUIET)
  if(arg_BUILT_WITH)
    set(built_with " gtest_fx was built with LibTorch ${arg_BUILT_WITH}.")
  endif()
  if(NOT Torch_FOUND)
    message(FATAL_ERROR
      "[gtest_fx] LibTorch not found. Point CMake at it with "
      "-DCMAKE_PREFIX_PATH=<prefix> (the libtorch archive's folder, or what "
      "`python -c 'import torch.utils; print(torch.utils.cmake_prefix_path)'` "
      "prints) or -DTorch_DIR=<folder with TorchConfig.cmake>. gtest_fx needs "
      "LibTorch ${GTEST_FX_MIN_TORCH_VERSION} or newer.${built_with}")
  endif()
  if(Torch_VERSION VERSION_LESS GTEST_FX_MIN_TORCH_VERSION)
    message(FATAL_ERROR
      "[gtest_fx] LibTorch ${Torch_VERSION} at ${Torch_DIR} is too old: "
      "gtest_fx needs LibTorch ${GTEST_FX_MIN_TORCH_VERSION} or newer (CI "
      "tests 2.13.0). Point CMAKE_PREFIX_PATH or Torch_DIR at a newer "
      "one.${built_with}")
  endif()
  if(TORCH_CXX_FLAGS MATCHES "_GLIBCXX_USE_CXX11_ABI=0")
    message(FATAL_ERROR
      "[gtest_fx] LibTorch ${Torch_VERSION} at ${Torch_DIR} was built with "
      "the pre-C++11 ABI (-D_GLIBCXX_USE_CXX11_ABI=0), and GoogleTest and "
      "abseil here with the C++11 ABI: the link would fail on std::__cxx11 "
      "symbols. Use a cxx11-ABI LibTorch (every torch wheel since 2.7 is one).")
  endif()
  set(Torch_FOUND "${Torch_FOUND}" PARENT_SCOPE)
  set(Torch_VERSION "${Torch_VERSION}" PARENT_SCOPE)
  set(Torch_DIR "${Torch_DIR}" PARENT_SCOPE)
  set(TORCH_LIBRARIES "${TORCH_LIBRARIES}" PARENT_SCOPE)
  set(TORCH_INSTALL_PREFIX "${TORCH_INSTALL_PREFIX}" PARENT_SCOPE)
endfunction()

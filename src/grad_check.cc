#include "grad_check.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/str_join.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <utility>
#include <variant>

#include "compare.h"
#include "grad.h"
#include "sample_copy.h"
#include "seeded_call.h"

namespace gtest_fx::internal {
namespace {

// The seed of the private generator that draws the cotangents and the
// tangents: the same directions in every run.
constexpr uint64_t kDirectionSeed = 20240917;

// Up to this many real values (a complex element counts twice), a failing
// input's numerical gradient is computed value by value to show the largest
// disagreement; beyond it the message shows the fast-mode figures.
constexpr int64_t kMaxElementwiseValues = 1000;

// What is wrong with one sample, as the other op checks say it.
struct Problem {
  std::string headline;  // what is wrong, in a few words
  std::string meaning;   // one sentence: what it usually means, what to do
  std::string detail;    // the evidence
  std::string cause;     // one stable line for the matrix and expectations
};

Problem MakeProblem(std::string headline, std::string meaning,
                    std::string detail) {
  std::string cause = absl::StrCat(headline, ": ", StableCause(detail));
  return Problem{std::move(headline), std::move(meaning), std::move(detail),
                 std::move(cause)};
}

// The outcome of one sample: a pass, a skip with its reason, or a problem.
struct SampleOutcome {
  CheckResult::Verdict verdict = CheckResult::Verdict::kPass;
  std::string skip_reason;
  Problem problem;
};

SampleOutcome Skip(std::string reason) {
  SampleOutcome outcome;
  outcome.verdict = CheckResult::Verdict::kSkip;
  outcome.skip_reason = std::move(reason);
  return outcome;
}

SampleOutcome Fail(Problem problem) {
  SampleOutcome outcome;
  outcome.verdict = CheckResult::Verdict::kFail;
  outcome.problem = std::move(problem);
  return outcome;
}

// Replaces the k-th differentiable tensor of `args` (in the order of
// DifferentiableInputs) by `replace(k, tensor)`.
template <typename Replace>
void ReplaceDifferentiable(std::vector<ArgValue>& args, Replace replace) {
  size_t k = 0;
  auto visit = [&](at::Tensor& t) {
    if (IsDifferentiable(t)) t = replace(k++, t);
  };
  for (ArgValue& value : args) {
    if (auto* t = std::get_if<at::Tensor>(&value)) {
      visit(*t);
    } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&value);
               o != nullptr && o->has_value()) {
      visit(**o);
    } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&value)) {
      for (at::Tensor& e : *list) visit(e);
    }
  }
}

// Returns float64, or complex128 for a complex dtype.
at::ScalarType Wide(at::ScalarType dtype) {
  return at::isComplexType(dtype) ? at::kComplexDouble : at::kDouble;
}

// Returns the values of `t` as real numbers: `t` itself, or a complex
// tensor's real and imaginary parts as a trailing dimension of 2.
at::Tensor AsReal(const at::Tensor& t) {
  return t.is_complex() ? at::view_as_real(t.resolve_conj()) : t;
}

// Returns the number of real values of `t` (a complex element counts twice).
int64_t RealCount(const at::Tensor& t) {
  return t.numel() * (t.is_complex() ? 2 : 1);
}

// Returns the real inner product of two tensors of one shape: the sum of
// a·b, and for complex ones of re(a)·re(b) + im(a)·im(b). A 0-dim float64
// tensor, differentiable through `b`.
at::Tensor RealDot(const at::Tensor& a, const at::Tensor& b) {
  if (b.is_complex()) {
    return (at::real(a) * at::real(b) + at::imag(a) * at::imag(b)).sum();
  }
  return (a * b).sum();
}

// Returns copies of `values` whose floating-point tensors are float64 and
// complex ones complex128, each a tensor of its own that requires no grad;
// other arguments are copied as they are.
std::vector<ArgValue> Float64Copies(const std::vector<ArgValue>& values) {
  std::vector<ArgValue> args = CopyArgs(values, CopyKind::kClone);
  c10::NoGradGuard no_grad;
  ReplaceDifferentiable(args, [](size_t, const at::Tensor& t) {
    return t.detach().to(Wide(t.scalar_type()), /*non_blocking=*/false,
                         /*copy=*/true);
  });
  return args;
}

// Adds every tensor of `output`, in order, undefined ones too.
void CollectTensors(const Output& output, std::vector<at::Tensor>* tensors) {
  switch (output.kind) {
    case Output::Kind::kTensor:
      tensors->push_back(output.tensor);
      return;
    case Output::Kind::kTuple:
    case Output::Kind::kList:
      for (const Output& e : output.elements) CollectTensors(e, tensors);
      return;
    default:
      return;
  }
}

// The outputs the check differentiates, and the fixed random cotangent u of
// each: g(inputs) = Σ <u, output>.
struct Cotangents {
  std::vector<size_t> positions;  // in CollectTensors order
  std::vector<at::Tensor> u;
};

// Returns a random tensor of shape `sizes` and type `dtype`, of unit norm.
at::Tensor UnitDirection(at::IntArrayRef sizes, at::ScalarType dtype,
                         at::Generator& generator) {
  at::Tensor d = at::randn(sizes, generator, at::TensorOptions().dtype(dtype));
  const double norm = d.norm().item<double>();
  return norm > 0 ? d / norm : d;
}

// Returns g of the op's outputs: Σ <u, output>, as a 0-dim float64 tensor,
// or why the outputs do not fit the cotangents.
std::variant<at::Tensor, std::string> Reduce(const Output& output,
                                             const Cotangents& cotangents) {
  std::vector<at::Tensor> tensors;
  CollectTensors(output, &tensors);
  at::Tensor total = at::zeros({}, at::kDouble);
  for (size_t j = 0; j < cotangents.positions.size(); ++j) {
    const size_t position = cotangents.positions[j];
    const at::Tensor& u = cotangents.u[j];
    if (position >= tensors.size() || !tensors[position].defined() ||
        tensors[position].sizes() != u.sizes() ||
        tensors[position].is_complex() != u.is_complex()) {
      return absl::StrCat(
          "the op returns other outputs for inputs moved by ", kGradCheckEps,
          " than for the sample itself: (",
          position < tensors.size() && tensors[position].defined()
              ? absl::StrCat(ShapeString(tensors[position].sizes()), " ",
                             DtypeName(tensors[position].scalar_type()))
              : "no tensor",
          " where the sample gives ", ShapeString(u.sizes()), " ",
          DtypeName(u.scalar_type()), ")");
    }
    const at::Tensor& out = tensors[position];
    total = total + RealDot(u, out.to(Wide(out.scalar_type())));
  }
  return total;
}

// Calls the op on fresh copies of `args` that do not require grad, under the
// call seed, and returns g, or what went wrong.
std::variant<double, std::string> EvaluateG(const OpSpec& spec,
                                            const std::vector<ArgValue>& args,
                                            const Cotangents& cotangents) {
  // Grad mode stays as the op's own calls find it (an op may depend on it);
  // the copies do not require grad, so no autograd graph is built.
  std::vector<ArgValue> copies = CopyArgs(args, CopyKind::kClone);
  ReplaceDifferentiable(copies, [](size_t, const at::Tensor& t) {
    return t.requires_grad() ? t.detach() : t;
  });
  Output output;
  try {
    ScopedCallSeed seed;
    output = spec.invoke(copies);
  } catch (...) {
    return DescribeException(std::current_exception());
  }
  std::variant<at::Tensor, std::string> g = Reduce(output, cotangents);
  if (auto* error = std::get_if<std::string>(&g)) return *error;
  return std::get<at::Tensor>(g).item<double>();
}

// g at the sample moved by +eps·d and by −eps·d.
struct ValuesAround {
  double plus;
  double minus;
};

// Returns g with `eps·d` added to, then subtracted from, the input of `base`
// at `where` and every other input unchanged, or what went wrong.
std::variant<ValuesAround, std::string> EvaluateAround(
    const OpSpec& spec, const std::vector<ArgValue>& base,
    const GradInput& where, const at::Tensor& d, const Cotangents& cotangents) {
  double g[2];
  for (int side = 0; side < 2; ++side) {
    std::vector<ArgValue> moved = base;
    const double step = side == 0 ? kGradCheckEps : -kGradCheckEps;
    // A new tensor, not t.add_(): `base` stays as it is.
    ArgValue& slot = moved[where.argument];
    if (auto* t = std::get_if<at::Tensor>(&slot)) {
      *t = *t + d * step;
    } else if (auto* o = std::get_if<c10::optional<at::Tensor>>(&slot);
               o != nullptr && o->has_value()) {
      *o = **o + d * step;
    } else if (auto* list = std::get_if<std::vector<at::Tensor>>(&slot);
               list != nullptr && where.element.has_value()) {
      (*list)[*where.element] = (*list)[*where.element] + d * step;
    }
    std::variant<double, std::string> value =
        EvaluateG(spec, moved, cotangents);
    if (auto* error = std::get_if<std::string>(&value)) return *error;
    g[side] = std::get<double>(value);
  }
  return ValuesAround{g[0], g[1]};
}

double CentralDifference(const ValuesAround& g) {
  return (g.plus - g.minus) / (2 * kGradCheckEps);
}

// Returns (g(x + eps·d) − g(x − eps·d)) / (2·eps), as EvaluateAround moves
// the input, or what went wrong.
std::variant<double, std::string> CentralDifference(
    const OpSpec& spec, const std::vector<ArgValue>& base,
    const GradInput& where, const at::Tensor& d, const Cotangents& cotangents) {
  std::variant<ValuesAround, std::string> g =
      EvaluateAround(spec, base, where, d, cotangents);
  if (auto* error = std::get_if<std::string>(&g)) return *error;
  return CentralDifference(std::get<ValuesAround>(g));
}

bool Agree(double analytical, double numerical) {
  return std::abs(analytical - numerical) <=
         kGradCheckAtol + kGradCheckRtol * std::abs(numerical);
}

std::string Number(double value) { return absl::StrFormat("%.6g", value); }

std::string ToleranceText() {
  return absl::StrCat("(tolerance: atol ", Number(kGradCheckAtol), ", rtol ",
                      Number(kGradCheckRtol), ")");
}

// Returns the index of the element at `flat` in row-major order of `sizes`,
// as "[1, 2]".
std::string IndexString(at::IntArrayRef sizes, int64_t flat) {
  std::vector<int64_t> index(sizes.size());
  for (size_t d = sizes.size(); d-- > 0;) {
    index[d] = flat % sizes[d];
    flat /= sizes[d];
  }
  return ShapeString(index);
}

// Returns where the gradient of input `k` disagrees most with central
// differences taken value by value, or std::nullopt when a call throws.
std::optional<std::string> LargestDisagreement(
    const OpSpec& spec, const std::vector<ArgValue>& base,
    const GradInput& place, const at::Tensor& input, const at::Tensor& grad,
    const Cotangents& cotangents) {
  const bool complex = input.is_complex();
  const at::Tensor analytical =
      AsReal(grad.contiguous()).reshape({-1}).contiguous();
  const double* a = analytical.data_ptr<double>();
  const int64_t parts = complex ? 2 : 1;
  int64_t worst = -1;
  double worst_difference = -1, worst_a = 0, worst_n = 0;
  int64_t outside = 0;
  for (int64_t i = 0; i < input.numel(); ++i) {
    for (int64_t part = 0; part < parts; ++part) {
      at::Tensor flat = at::zeros({input.numel()}, input.options());
      if (complex) {
        flat[i] =
            part == 0 ? c10::complex<double>(1, 0) : c10::complex<double>(0, 1);
      } else {
        flat[i] = 1.0;
      }
      std::variant<double, std::string> n = CentralDifference(
          spec, base, place, flat.view(input.sizes()), cotangents);
      if (std::holds_alternative<std::string>(n)) return std::nullopt;
      const double numerical = std::get<double>(n);
      const double value = a[i * parts + part];
      const double difference = std::abs(value - numerical);
      if (!Agree(value, numerical)) ++outside;
      // A NaN is the largest difference.
      const double key = std::isnan(difference)
                             ? std::numeric_limits<double>::infinity()
                             : difference;
      if (key > worst_difference) {
        worst = i * parts + part;
        worst_difference = key;
        worst_a = value;
        worst_n = numerical;
      }
    }
  }
  if (worst < 0) return std::nullopt;
  std::string where = IndexString(input.sizes(), worst / parts);
  if (complex) {
    absl::StrAppend(&where,
                    worst % parts == 0 ? " (real part)" : " (imaginary part)");
  }
  return absl::StrCat(outside, " of ", input.numel() * parts,
                      " real values outside the tolerance; largest difference "
                      "at ",
                      where, ": analytical ", Number(worst_a), ", numerical ",
                      Number(worst_n), " ", ToleranceText());
}

constexpr const char* kMismatchMeaning =
    "The gradient that autograd computes through the op is not the "
    "derivative of its forward: usually a wrong derivative formula in the "
    "backward (a missing factor, a wrong sign, a term left out, gradients "
    "returned in the wrong order), or a sample at a point where the op is "
    "not differentiable (a kink of abs or relu, a tie of max); move such a "
    "sample away from it.";

constexpr const char* kComplexNote =
    " For a complex input z = a + ib autograd's gradient of a real g is "
    "dg/da + i·dg/db: the backward of a holomorphic f returns grad * "
    "conj(f'(z)), not grad * f'(z).";

constexpr const char* kReductionNote =
    "(the outputs are reduced to one number, g = Σ <u, output> with a fixed "
    "random u per output, on float64 copies of the sample; the values are "
    "derivatives of g)";

SampleOutcome CheckSample(const OpSpec& spec, const Args& sample) {
  const std::vector<ArgValue> base = Float64Copies(sample.values());
  // Arguments left alone: out= arguments, and those autograd refuses to
  // differentiate (found below).
  std::vector<size_t> frozen = OutArguments(spec);
  std::vector<GradInput> inputs = DifferentiableInputs(base, frozen);
  if (inputs.empty()) {
    return Skip(
        "it has no floating-point or complex tensor argument to "
        "differentiate");
  }

  // The analytical side: the float64 inputs as leaves that require grad.
  std::vector<at::Tensor> leaves;
  Output output;
  auto forward = [&](bool clone_leaves) -> std::optional<std::string> {
    std::vector<ArgValue> args = CopyArgs(base, CopyKind::kClone);
    leaves.clear();
    for (GradInput& input : DifferentiableInputs(args, frozen)) {
      input.tensor.set_requires_grad(true);
      leaves.push_back(input.tensor);
    }
    at::AutoGradMode grad_mode(true);
    // The leaves are the tensors that require grad (not the frozen ones).
    if (clone_leaves) args = WithNonLeafClones(args);
    try {
      ScopedCallSeed seed;
      output = spec.invoke(args);
    } catch (...) {
      return DescribeException(std::current_exception());
    }
    return std::nullopt;
  };
  bool clone_leaves = false;
  std::optional<std::string> error = forward(clone_leaves);
  while (error && AdaptToAutogradError(spec, *error, clone_leaves, frozen)) {
    inputs = DifferentiableInputs(base, frozen);
    if (inputs.empty()) break;
    error = forward(clone_leaves);
  }
  if (error) {
    std::vector<ArgValue> float64 = CopyArgs(base, CopyKind::kClone);
    Output ignored;
    const std::optional<std::string> float64_error =
        CallSeeded(spec, float64, &ignored);
    if (!float64_error) {
      return Fail(MakeProblem(
          "the op throws when its inputs require grad",
          "The op runs on float64 copies of the sample but throws once its "
          "floating-point inputs require grad, so autograd cannot "
          "differentiate it: fix the op's autograd support.",
          *error));
    }
    std::vector<ArgValue> plain = CopyArgs(sample.values(), CopyKind::kClone);
    if (std::optional<std::string> plain_error =
            CallSeeded(spec, plain, &ignored)) {
      return Fail(MakeProblem(
          "the op throws when called",
          "The op itself throws on this sample: fix the op or the sample.",
          *plain_error));
    }
    return Skip(absl::StrCat("the op has no float64 kernel: ", *float64_error));
  }

  // Derivatives are not defined at inf or NaN, nor where the op gives them
  // (log of a negative number, 1 / 0): such a sample tests nothing here.
  auto all_finite = [](const at::Tensor& t) {
    at::NoGradGuard no_grad;
    return t.numel() == 0 || at::isfinite(t.detach()).all().item<bool>();
  };
  for (const GradInput& input : inputs) {
    if (!all_finite(input.tensor)) {
      return Skip(
          absl::StrCat(GradInputLabel(spec, input),
                       " holds inf or NaN, where derivatives are not defined"));
    }
  }
  std::vector<at::Tensor> tensors;
  CollectTensors(output, &tensors);
  for (const at::Tensor& t : tensors) {
    if (t.defined() && IsDifferentiable(t) && !all_finite(t)) {
      return Skip(
          "the op gives inf or NaN on this sample (outside its domain, or "
          "at a pole), where derivatives are not defined");
    }
  }
  Cotangents cotangents;
  at::Generator generator =
      at::make_generator<at::CPUGeneratorImpl>(kDirectionSeed);
  std::optional<std::string> precision_note;
  for (size_t p = 0; p < tensors.size(); ++p) {
    const at::Tensor& t = tensors[p];
    if (!t.defined() || !t.requires_grad() || !IsDifferentiable(t)) continue;
    cotangents.positions.push_back(p);
    cotangents.u.push_back(
        UnitDirection(t.sizes(), Wide(t.scalar_type()), generator));
    if (t.scalar_type() != Wide(t.scalar_type()) && !precision_note) {
      precision_note = absl::StrCat(
          "note: an output is ", DtypeName(t.scalar_type()),
          " on float64 inputs; the op computes in a lower precision than "
          "float64, where central differences with eps ",
          Number(kGradCheckEps), " are mostly rounding error");
    }
  }
  if (cotangents.positions.empty()) {
    return Skip(
        "no output of the op requires grad (its outputs are integers or "
        "bools, or detached from its inputs), so it has no gradient to "
        "check");
  }
  std::vector<at::Tensor> grads;
  {
    at::AutoGradMode grad_mode(true);
    std::variant<at::Tensor, std::string> g = Reduce(output, cotangents);
    try {
      grads = torch::autograd::grad({std::get<at::Tensor>(g)}, leaves,
                                    /*grad_outputs=*/{},
                                    /*retain_graph=*/false,
                                    /*create_graph=*/false,
                                    /*allow_unused=*/true);
    } catch (...) {
      return Fail(MakeProblem(
          "the op's backward throws",
          "Autograd's backward pass through the op throws on float64 copies "
          "of the sample: a backward formula that fails (a shape or dtype "
          "error, an input the backward does not handle) or a backward that "
          "is not implemented.",
          DescribeException(std::current_exception())));
    }
  }
  output = Output();
  // No gradient at all, where the numerical one is not zero, is the mark of
  // an op without an Autograd kernel (a piecewise constant op, such as the
  // 0-norm, has none either, rightly).
  const bool no_gradient =
      std::none_of(grads.begin(), grads.end(),
                   [](const at::Tensor& g) { return g.defined(); });

  // The numerical side, input by input along a random direction v.
  std::vector<std::string> details;
  std::vector<std::string> failed_labels;
  bool complex_failed = false;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const at::Tensor& x = inputs[k].tensor;
    const std::string label = GradInputLabel(spec, inputs[k]);
    // An undefined gradient is zeros; a sparse one (an embedding's) dense.
    at::Tensor grad = !grads[k].defined() ? at::zeros_like(x)
                      : grads[k].layout() == at::kStrided
                          ? grads[k].detach()
                          : grads[k].detach().to_dense();
    at::Tensor v = UnitDirection(x.sizes(), x.scalar_type(), generator);
    const double analytical = RealDot(grad, v).item<double>();
    std::variant<ValuesAround, std::string> around =
        EvaluateAround(spec, base, inputs[k], v, cotangents);
    if (auto* e = std::get_if<std::string>(&around)) {
      return Fail(MakeProblem(
          "the op fails on inputs moved slightly from the sample",
          absl::StrCat(
              "Central differences call the op on inputs moved by at most ",
              Number(kGradCheckEps),
              ", and it throws there (or returns other outputs): the sample "
              "sits at the edge of the op's domain; move it inside."),
          absl::StrCat(label, " moved along a random direction: ", *e)));
    }
    const ValuesAround& g = std::get<ValuesAround>(around);
    const double numerical = CentralDifference(g);
    if (Agree(analytical, numerical)) continue;
    // A kink or a jump within eps of the sample (hardtanh at its bound,
    // fmod where x / y is whole): the one-sided differences disagree. There
    // the op has no derivative to check, and rounding decides the verdict.
    // (Not for an op computing in a lower precision, whose differences are
    // noise: it fails, with the note that says why.)
    // The forward and backward differences share g(x) and reuse the central
    // difference's two values.
    if (!precision_note) {
      std::variant<double, std::string> at_sample =
          EvaluateG(spec, base, cotangents);
      if (auto* g0 = std::get_if<double>(&at_sample)) {
        const double forward = (g.plus - *g0) / kGradCheckEps;
        const double backward = (*g0 - g.minus) / kGradCheckEps;
        if (!Agree(forward, backward)) {
          return Skip(absl::StrCat(
              label,
              ": the op is not differentiable at this sample (one-sided "
              "differences with step ",
              Number(kGradCheckEps), " give ", Number(forward), " and ",
              Number(backward), "): a kink or a jump next to the sample"));
        }
      }
    }
    failed_labels.push_back(label);
    complex_failed |= x.is_complex();
    std::optional<std::string> largest;
    if (RealCount(x) <= kMaxElementwiseValues) {
      largest = LargestDisagreement(spec, base, inputs[k], x, grad, cotangents);
    }
    if (largest) {
      details.push_back(absl::StrCat(label, ": ", *largest));
    } else {
      details.push_back(absl::StrCat(
          label, ": along a random unit direction v, analytical ",
          Number(analytical), " (the gradient · v), numerical ",
          Number(numerical), " (central difference along v) ", ToleranceText(),
          "; ", RealCount(x), " real values, too many to compare one by one"));
    }
  }
  if (details.empty()) return SampleOutcome();
  if (no_gradient) {
    return Fail(MakeProblem(
        "autograd gives no gradient for any input",
        "The op's outputs require grad, but their backward gives no gradient "
        "at all where the numerical one is not zero: typically an op without "
        "an Autograd kernel, whose outputs LibTorch's fallback marks as "
        "requiring grad (it warns when backward reaches them). Register an "
        "Autograd kernel (a torch::autograd::Function at "
        "TORCH_LIBRARY_IMPL(<ns>, Autograd, m)), or declare the op "
        ".NotDifferentiable(reason).",
        absl::StrCat("every gradient that autograd returns is undefined; ",
                     absl::StrJoin(details, "\n  "))));
  }
  details.push_back(kReductionNote);
  if (precision_note) details.push_back(*precision_note);
  Problem problem{
      "the backward's gradient disagrees with the numerical gradient",
      absl::StrCat(kMismatchMeaning, complex_failed ? kComplexNote : ""),
      absl::StrJoin(details, "\n  "),
      failed_labels.size() == 1
          ? absl::StrCat("the gradient of ", failed_labels[0],
                         " disagrees with the numerical gradient")
          : absl::StrCat("the gradients of ",
                         absl::StrJoin(failed_labels, ", "),
                         " disagree with the numerical gradient")};
  return Fail(std::move(problem));
}

std::string Report(const OpSpec& spec, size_t index, size_t count,
                   const Problem& problem) {
  return absl::StrFormat(
      "[gtest_fx] op '%s'%s, sample %d of %d, check %s: %s.\n  %s\n  %s\n",
      spec.name,
      spec.dispatcher_name.empty()
          ? ""
          : absl::StrCat(" (", spec.dispatcher_name, ")"),
      // Samples are counted from 1, in the order of the .Sample calls.
      index + 1, count, CheckName(Check::kGradCheck), problem.headline,
      problem.meaning, problem.detail);
}

}  // namespace

CheckResult RunGradCheck(const OpSpec& spec, const std::vector<Args>& samples,
                         const std::string& rerun) {
  QuietC10Backtraces();
  CheckResult result;
  if (spec.nondeterministic_reason.has_value()) {
    // Differences of calls that disagree by themselves measure nothing.
    result.verdict = CheckResult::Verdict::kSkip;
    result.message = absl::StrCat(
        "declared non-deterministic, so central differences of its calls "
        "mean nothing: ",
        *spec.nondeterministic_reason);
    return result;
  }
  // Restores the global generator once, after every seeded call below.
  ScopedCallSeed seed;
  std::vector<std::string> failures;
  std::vector<std::string> skips;
  for (size_t i = 0; i < samples.size(); ++i) {
    SampleOutcome outcome;
    try {
      outcome = CheckSample(spec, samples[i]);
    } catch (...) {
      outcome = Fail(MakeProblem(
          "the gradient check cannot run on this sample",
          "Something about the sample or the op's outputs is beyond what "
          "the check handles (a layout or device other than strided CPU "
          "tensors); mark the check as expected to fail, or skip it.",
          DescribeException(std::current_exception())));
    }
    if (outcome.verdict == CheckResult::Verdict::kFail) {
      if (failures.empty()) result.cause = outcome.problem.cause;
      failures.push_back(Report(spec, i, samples.size(), outcome.problem));
    } else if (outcome.verdict == CheckResult::Verdict::kSkip) {
      skips.push_back(
          absl::StrCat("sample ", i + 1, ": ", outcome.skip_reason));
    }
  }
  SetVerdictFromSamples(spec, failures, skips, samples.size(), rerun, &result);
  return result;
}

}  // namespace gtest_fx::internal

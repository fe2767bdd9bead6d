"""Regenerates pytorch-golden.json, the PyTorch reference values the Swift golden test compares with.

Run it with the pinned PyTorch (torch 2.13.0+cpu):

    python Tests/AutogradTests/Golden/generate.py            # rewrites pytorch-golden.json beside this script
    python Tests/AutogradTests/Golden/generate.py OUT.json   # writes another file (for AUTOGRAD_GOLDEN)

Every value comes from PyTorch itself: ops run forward, then backward on sum(output * upstream);
optimizers step with given gradients; models are the seed article's DynamicNet and SharedNet.
The run is seeded and single-threaded, so the same PyTorch writes the same file.

If `cases_recurrent.py` exists beside this script, its `cases(torch)` returns more case dicts
(recurrent cells), which are appended; without that file there are simply no recurrent cases.
"""
import importlib.util
import json
import os
import random
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))

CONVENTIONS = {
    "tensor": "row-major float32 values; shape [] is a scalar",
    "upstream": "backward is run on sum(output * upstream); grads are d/d(input) of that",
    "linear": "PyTorch layout: weight is [out, in], output = x @ weight^T + bias",
    "state": "state_dict keys as PyTorch names them (module path + '.weight' / '.bias')",
    "null grad": "the parameter took no part in that forward pass (PyTorch leaves its .grad None); "
                 "a zero or absent gradient both match",
    "tolerance": "ops, models and optimizers: |a-b| <= 1e-5 + 1e-4*|b|; training losses: relative 1e-3",
}


def tensor(t):
    """A tensor as {shape, data}: row-major float32 values written as Python floats."""
    t = t.detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def grad_or_null(t):
    return None if t.grad is None else tensor(t.grad)


def state(module):
    return {name: tensor(value) for name, value in module.state_dict().items()}


def small_dims():
    return random.randint(2, 5), random.randint(2, 5)


# --- ops: forward, then backward on sum(output * upstream) ---------------------------------------

def op_case(kind, op, inputs, fn, **fields):
    """Runs fn on leaf copies of inputs and records output and every input's gradient."""
    leaves = [x.clone().requires_grad_(True) for x in inputs]
    output = fn(*leaves)
    upstream = torch.randn(output.shape)
    (output * upstream).sum().backward()
    case = {"kind": kind, "op": op, **fields, "inputs": [tensor(x) for x in inputs],
            "upstream": tensor(upstream), "output": tensor(output), "grads": [grad_or_null(x) for x in leaves]}
    return case


UNARY = {
    "relu": (torch.relu, lambda x: x),
    "sigmoid": (torch.sigmoid, lambda x: x),
    "tanh": (torch.tanh, lambda x: x),
    "exp": (torch.exp, lambda x: x),
    "log": (torch.log, lambda x: x.abs() + 0.1),   # the domain of log and sqrt: positive inputs
    "neg": (torch.neg, lambda x: x),
    "sqrt": (torch.sqrt, lambda x: x.abs() + 0.1),
    "abs": (torch.abs, lambda x: x),
    "square": (torch.square, lambda x: x),
    "pow3": (lambda x: torch.pow(x, 3), lambda x: x),
}

BINARY = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div}


def unary_cases():
    for op, (fn, domain) in UNARY.items():
        yield op_case("unary", op, [domain(torch.randn(*small_dims()))], fn)


def binary_cases():
    for op, fn in BINARY.items():
        rows, cols = small_dims()
        # same shape, a row vector broadcast over rows, column x row, and a scalar
        for a_shape, b_shape in [((rows, cols), (rows, cols)), ((rows, cols), (cols,)),
                                 ((rows, 1), (1, cols)), ((rows, cols), ())]:
            a, b = torch.randn(a_shape), torch.randn(b_shape)
            if op == "div":  # keep denominators away from zero
                b = b.sign() * (b.abs() + 0.5)
            yield op_case("binary", op, [a, b], fn)


def matmul_cases():
    for _ in range(3):
        n, k = small_dims()
        m = random.randint(2, 5)
        yield op_case("matmul", "matmul", [torch.randn(n, k), torch.randn(k, m)], torch.matmul)
    yield op_case("unary", "transpose", [torch.randn(*small_dims())], lambda x: x.t())


def reduce_cases():
    for op, fn in [("sum", torch.sum), ("mean", torch.mean)]:
        for dim, keepdim in [(None, False), (0, False), (1, False), (1, True)]:
            x = torch.randn(*small_dims())
            call = (lambda x, fn=fn: fn(x)) if dim is None else \
                (lambda x, fn=fn, dim=dim, keepdim=keepdim: fn(x, dim=dim, keepdim=keepdim))
            yield op_case("reduce", op, [x], call, dim=dim, keepdim=keepdim)
    # softmax and log_softmax over the last dimension (the Swift default when "dim" is absent)
    yield op_case("unary", "softmax", [torch.randn(*small_dims())], lambda x: F.softmax(x, dim=-1))
    yield op_case("unary", "log_softmax", [torch.randn(*small_dims())], lambda x: F.log_softmax(x, dim=-1))


def loss_case(op, reduction, prediction, target, fn):
    """A loss: a scalar output, backward from it (no upstream); the prediction's gradient only."""
    leaf = prediction.clone().requires_grad_(True)
    output = fn(leaf)
    output.backward()
    target_field = {"targets": target} if op in ("cross_entropy", "nll") else {}
    inputs = [tensor(prediction)] + ([tensor(target)] if op == "mse" else [])
    return {"kind": "loss", "op": op, "reduction": reduction, "inputs": inputs, **target_field,
            "output": tensor(output), "grads": [tensor(leaf.grad)]}


def loss_cases():
    for reduction in ["mean", "sum"]:
        shape = small_dims()
        target = torch.randn(shape)
        yield loss_case("mse", reduction, torch.randn(shape), target,
                        lambda p, t=target, r=reduction: F.mse_loss(p, t, reduction=r))
    batch, classes = small_dims()
    targets = [random.randrange(classes) for _ in range(batch)]
    yield loss_case("cross_entropy", "mean", torch.randn(batch, classes), targets,
                    lambda p: F.cross_entropy(p, torch.tensor(targets)))


def linear_cases():
    for _ in range(2):
        batch, features = small_dims()
        layer = nn.Linear(features, random.randint(2, 5))
        x = torch.randn(batch, features)
        leaf = x.clone().requires_grad_(True)
        output = layer(leaf)
        upstream = torch.randn(output.shape)
        (output * upstream).sum().backward()
        yield {"kind": "linear", "op": "linear", "inputs": [tensor(x)], "weight": tensor(layer.weight),
               "bias": tensor(layer.bias), "upstream": tensor(upstream), "output": tensor(output),
               "grads": [tensor(leaf.grad)], "weight_grad": tensor(layer.weight.grad),
               "bias_grad": tensor(layer.bias.grad)}


# --- models: the seed article's DynamicNet and SharedNet ---------------------------------------

class DynamicNet(nn.Module):
    def __init__(self, d_in, h, d_out):
        super().__init__()
        self.input_layer = nn.Linear(d_in, h)
        self.hidden_layer = nn.Linear(h, h)
        self.output_layer = nn.Linear(h, d_out)

    def forward(self, x, depth):
        x = F.relu(self.input_layer(x))
        for _ in range(depth):
            x = F.relu(self.hidden_layer(x))
        return self.output_layer(x)


class SharedNet(nn.Module):
    """Three layers in a ModuleDict; hidden and output reuse the input layer's weight."""
    def __init__(self, n):
        super().__init__()
        self.layers = nn.ModuleDict({'input': nn.Linear(n, n), 'hidden': nn.Linear(n, n), 'output': nn.Linear(n, n)})
        self.layers['hidden'].weight = self.layers['input'].weight
        self.layers['output'].weight = self.layers['input'].weight

    def forward(self, x):
        x = F.relu(self.layers['input'](x))
        x = F.relu(self.layers['hidden'](x))
        return self.layers['output'](x)


def model_run(net, x, y, *forward_args):
    """Forward, MSE (sum) loss, backward: the fields every model case has."""
    output = net(x, *forward_args)
    loss = F.mse_loss(output, y, reduction="sum")
    loss.backward()
    return {"x": tensor(x), "y": tensor(y), "output": tensor(output), "loss": loss.item(),
            "param_grads": {name: grad_or_null(p) for name, p in net.named_parameters()},
            "param_count": sum(p.numel() for p in net.parameters())}


def model_cases():
    for depth in [0, 1, 3]:
        sizes = [random.randint(3, 7), random.randint(3, 7), 4]
        net = DynamicNet(*sizes)
        start = state(net)
        run = model_run(net, torch.randn(3, sizes[0]), torch.randn(3, sizes[2]), depth)
        yield {"kind": "model", "op": "dynamicnet", "sizes": sizes, "depth": depth, "state": start, **run}
    n = 6
    net = SharedNet(n)
    start = state(net)
    run = model_run(net, torch.randn(4, n), torch.randn(4, n))
    yield {"kind": "model", "op": "sharednet", "sizes": [n, n, n], "state": start, **run,
           "named_parameters": [name for name, _ in net.named_parameters()],
           "state_dict_keys": list(net.state_dict().keys()),
           "param_count_untied": sum(p.numel() for _, p in net.named_parameters(remove_duplicate=False))}


# --- optimizers and training ---------------------------------------------------------------------

OPTIMIZERS = [
    ("sgd", {"lr": 0.1}),
    ("sgd", {"lr": 0.05, "momentum": 0.9}),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "weight_decay": 0.01}),
    ("adam", {"lr": 0.01}),
    ("adam", {"lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-06, "weight_decay": 0.1}),
]


def optimizer_cases(steps=4):
    for op, hyper in OPTIMIZERS:
        start = torch.randn(*small_dims())
        parameter = start.clone().requires_grad_(True)
        kwargs = {**hyper, **({"betas": tuple(hyper["betas"])} if "betas" in hyper else {})}
        optimizer = (torch.optim.SGD if op == "sgd" else torch.optim.Adam)([parameter], **kwargs)
        grads, after = [], []
        for _ in range(steps):
            grad = torch.randn(start.shape)
            parameter.grad = grad.clone()
            optimizer.step()
            grads.append(tensor(grad))
            after.append(tensor(parameter))
        yield {"kind": "optimizer", "op": op, "hyper": hyper, "start": tensor(start),
               "grads_per_step": grads, "after_each_step": after}


def training_cases(steps=12):
    sizes = [6, 8, 3]
    net = DynamicNet(*sizes)
    start = state(net)
    x, y = torch.randn(16, sizes[0]), torch.randn(16, sizes[2])
    lr, momentum = 0.001, 0.9
    optimizer = torch.optim.SGD(net.parameters(), lr=lr, momentum=momentum)
    depths = [random.randint(0, 3) for _ in range(steps)]
    losses = []
    for depth in depths:
        optimizer.zero_grad()
        loss = F.mse_loss(net(x, depth), y, reduction="sum")
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    yield {"kind": "training", "op": "dynamicnet_sgd", "sizes": sizes, "state": start, "x": tensor(x),
           "y": tensor(y), "lr": lr, "momentum": momentum, "loss": "mse_sum", "depths": depths,
           "losses": losses, "final_state": state(net)}


# --- recurrent cases from cases_recurrent.py, when it exists -------------------------------------

def recurrent_cases():
    path = os.path.join(HERE, "cases_recurrent.py")
    if not os.path.exists(path):
        return []
    spec = importlib.util.spec_from_file_location("cases_recurrent", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cases(torch)


def all_cases():
    cases = []
    for group in [unary_cases, binary_cases, matmul_cases, reduce_cases, loss_cases, linear_cases,
                  model_cases, optimizer_cases, training_cases]:
        cases.extend(group())
    cases.extend(recurrent_cases())
    for index, case in enumerate(cases):
        case.setdefault("id", f"{case['kind']}/{case['op']}/{index}")
    return cases


def main():
    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(1)
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "pytorch-golden.json")
    golden = {"generator": f"PyTorch {torch.__version__}, seed 0", "conventions": CONVENTIONS,
              "cases": all_cases()}
    with open(out, "w") as file:
        json.dump(golden, file, separators=(",", ":"))
    print(f"{out}: {len(golden['cases'])} cases from PyTorch {torch.__version__}")


if __name__ == "__main__":
    main()

"""Golden cases of the recurrent cells (torch.nn.RNNCell, torch.nn.LSTMCell), in pytorch-golden.json's format.

`cases(torch)` returns the case dicts (without "id": the generator numbers every case of the file).
Kinds and ops, read by GoldenRecurrentCases.swift:

- kind "recurrent", op "rnncell_sequence": the cell over every step of `xs` [T, B, in] from `h0`;
  `outputs` are the T hidden states [T, B, H]; backward of sum(outputs * upstream) gives `x_grad`,
  `h0_grad` and `param_grads` (each weight's gradient is the sum over the T steps).
- kind "recurrent", op "rnncell_lengths": a batch of sequences of different `lengths`, padded in
  `xs` [T, B, in]; each example runs only its own steps from a zero state; `outputs` are the last real
  hidden states [B, H]. Checked here against nn.RNN over pack_padded_sequence with the same weights.
- kind "recurrent", op "lstmcell_sequence": torch.nn.LSTMCell over every step of `xs` from (`h0`, `c0`);
  `outputs` are the T hidden states, `c_final` the last cell state; backward of
  sum(outputs * upstream) + sum(c_final * upstream_c) gives `x_grad`, `h0_grad`, `c0_grad`, `param_grads`.
- kind "training", op "rnncell_sgd": a cell and a Linear readout of each example's last hidden state,
  MSE (sum) against `y`, SGD for len(`losses`) steps; `losses` per step and `final_state`.
"""


def _tensor(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def _state(module):
    return {name: _tensor(value) for name, value in module.state_dict().items()}


def _grads(module):
    return {name: None if p.grad is None else _tensor(p.grad) for name, p in module.named_parameters()}


def _last_states(torch, cell, xs, lengths):
    """The dynamic way: a loop per example, exactly as long as that example."""
    finals = []
    for b, length in enumerate(lengths):
        h = torch.zeros(1, cell.hidden_size)
        for t in range(length):
            h = cell(xs[t, b : b + 1], h)
        finals.append(h[0])
    return torch.stack(finals)


def _packed_last_states(torch, cell, xs, lengths):
    """The static way: nn.RNN over a packed padded batch, with the cell's weights."""
    rnn = torch.nn.RNN(cell.input_size, cell.hidden_size)
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(rnn, name + "_l0").copy_(getattr(cell, name))
    packed = torch.nn.utils.rnn.pack_padded_sequence(xs, torch.tensor(lengths), enforce_sorted=False)
    _, h_n = rnn(packed)
    return h_n[0]


def _sequence_case(torch, steps, batch, n_in, hidden):
    cell = torch.nn.RNNCell(n_in, hidden)
    xs = torch.randn(steps, batch, n_in, requires_grad=True)
    h0 = torch.randn(batch, hidden, requires_grad=True)
    state = _state(cell)
    outputs, h = [], h0
    for t in range(steps):
        h = cell(xs[t], h)
        outputs.append(h)
    outputs = torch.stack(outputs)
    upstream = torch.randn(outputs.shape)
    (outputs * upstream).sum().backward()
    return {"kind": "recurrent", "op": "rnncell_sequence", "sizes": [n_in, hidden], "state": state,
            "xs": _tensor(xs), "h0": _tensor(h0), "upstream": _tensor(upstream), "outputs": _tensor(outputs),
            "x_grad": _tensor(xs.grad), "h0_grad": _tensor(h0.grad), "param_grads": _grads(cell)}


def _lstm_case(torch, steps, batch, n_in, hidden):
    cell = torch.nn.LSTMCell(n_in, hidden)
    xs = torch.randn(steps, batch, n_in, requires_grad=True)
    h0 = torch.randn(batch, hidden, requires_grad=True)
    c0 = torch.randn(batch, hidden, requires_grad=True)
    state = _state(cell)
    outputs, (h, c) = [], (h0, c0)
    for t in range(steps):
        h, c = cell(xs[t], (h, c))
        outputs.append(h)
    outputs = torch.stack(outputs)
    upstream, upstream_c = torch.randn(outputs.shape), torch.randn(c.shape)
    ((outputs * upstream).sum() + (c * upstream_c).sum()).backward()
    return {"kind": "recurrent", "op": "lstmcell_sequence", "sizes": [n_in, hidden], "state": state,
            "xs": _tensor(xs), "h0": _tensor(h0), "c0": _tensor(c0), "upstream": _tensor(upstream),
            "upstream_c": _tensor(upstream_c), "outputs": _tensor(outputs), "c_final": _tensor(c),
            "x_grad": _tensor(xs.grad), "h0_grad": _tensor(h0.grad), "c0_grad": _tensor(c0.grad),
            "param_grads": _grads(cell)}


def _lengths_case(torch, lengths, n_in, hidden):
    cell = torch.nn.RNNCell(n_in, hidden)
    xs = torch.randn(max(lengths), len(lengths), n_in)
    for b, length in enumerate(lengths):
        xs[length:, b] = 0.0  # padding: never read by the dynamic way
    xs.requires_grad_(True)
    state = _state(cell)
    outputs = _last_states(torch, cell, xs, lengths)
    packed = _packed_last_states(torch, cell, xs, lengths)
    assert torch.allclose(outputs, packed, atol=1e-6), "the loop and pack_padded_sequence disagree"
    upstream = torch.randn(outputs.shape)
    (outputs * upstream).sum().backward()
    return {"kind": "recurrent", "op": "rnncell_lengths", "sizes": [n_in, hidden], "lengths": list(lengths),
            "state": state, "xs": _tensor(xs), "upstream": _tensor(upstream), "outputs": _tensor(outputs),
            "x_grad": _tensor(xs.grad), "param_grads": _grads(cell)}



def _training_case(torch, lengths, sizes, lr, momentum, steps):
    n_in, hidden, n_out = sizes

    class SequenceRegressor(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.cell = torch.nn.RNNCell(n_in, hidden)
            self.readout = torch.nn.Linear(hidden, n_out)

        def forward(self, xs):
            return self.readout(_last_states(torch, self.cell, xs, lengths))

    model = SequenceRegressor()
    xs = torch.randn(max(lengths), len(lengths), n_in)
    y = torch.randn(len(lengths), n_out)
    state = _state(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(xs), y, reduction="sum")
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return {"kind": "training", "op": "rnncell_sgd", "sizes": list(sizes), "lengths": list(lengths),
            "state": state, "xs": _tensor(xs), "y": _tensor(y), "lr": lr, "momentum": momentum,
            "losses": losses, "final_state": _state(model)}


def cases(torch) -> list:
    """The recurrent golden cases, drawn from torch's generator seeded here (so the list is the same
    whatever ran before)."""
    torch.manual_seed(13)
    return [
        _sequence_case(torch, steps=1, batch=2, n_in=3, hidden=4),
        _sequence_case(torch, steps=4, batch=3, n_in=2, hidden=5),
        _sequence_case(torch, steps=6, batch=1, n_in=4, hidden=3),
        _lengths_case(torch, lengths=[3, 1, 5, 2], n_in=3, hidden=4),
        _lengths_case(torch, lengths=[2, 2, 6], n_in=2, hidden=6),
        _training_case(torch, lengths=[4, 2, 5, 1], sizes=(3, 5, 2), lr=0.05, momentum=0.9, steps=20),
        _lstm_case(torch, steps=1, batch=2, n_in=3, hidden=2),
        _lstm_case(torch, steps=5, batch=3, n_in=2, hidden=4),
    ]

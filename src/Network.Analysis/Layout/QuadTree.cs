namespace Network.Analysis.Layout;

/// <summary>
/// A Barnes–Hut quadtree over weighted points, kept in flat arrays and rebuilt in place every iteration: each cell knows
/// its mass and centre of mass; a cell seen from a point at distance d under width/d &lt; θ acts as one body.
/// </summary>
internal sealed class QuadTree(int capacity)
{
    private const double Theta = 1.2;
    private const int MaxDepth = 48;

    private int[] _children = new int[4 * Math.Max(16, 2 * capacity)];
    private double[] _mass = new double[Math.Max(16, 2 * capacity)];
    private double[] _mx = new double[Math.Max(16, 2 * capacity)], _my = new double[Math.Max(16, 2 * capacity)];
    private double[] _half = new double[Math.Max(16, 2 * capacity)], _ox = new double[Math.Max(16, 2 * capacity)], _oy = new double[Math.Max(16, 2 * capacity)];
    private int[] _point = new int[Math.Max(16, 2 * capacity)];
    private int _cells;

    public void Build(double[] x, double[] y, double[] mass)
    {
        var (minX, minY, maxX, maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        for (var v = 0; v < x.Length; v++)
            (minX, minY, maxX, maxY) = (Math.Min(minX, x[v]), Math.Min(minY, y[v]), Math.Max(maxX, x[v]), Math.Max(maxY, y[v]));
        _cells = 0;
        var half = Math.Max(maxX - minX, maxY - minY) / 2 + 1e-6;
        NewCell((minX + maxX) / 2, (minY + maxY) / 2, half);
        for (var v = 0; v < x.Length; v++)
            Insert(v, x[v], y[v], mass[v], x, y, mass);
    }

    private int NewCell(double ox, double oy, double half)
    {
        if (_cells == _mass.Length)
            Grow();
        var c = _cells++;
        (_ox[c], _oy[c], _half[c], _mass[c], _mx[c], _my[c], _point[c]) = (ox, oy, half, 0, 0, 0, -1);
        _children.AsSpan(4 * c, 4).Fill(-1);
        return c;
    }

    private void Grow()
    {
        var size = _mass.Length * 2;
        Array.Resize(ref _children, 4 * size);
        Array.Resize(ref _mass, size);
        Array.Resize(ref _mx, size);
        Array.Resize(ref _my, size);
        Array.Resize(ref _half, size);
        Array.Resize(ref _ox, size);
        Array.Resize(ref _oy, size);
        Array.Resize(ref _point, size);
    }

    private void Insert(int v, double px, double py, double m, double[] x, double[] y, double[] mass)
    {
        var c = 0;
        for (var depth = 0; ; depth++)
        {
            var wasEmpty = _mass[c] == 0;
            var isLeaf = IsLeaf(c);
            // Every cell on the way carries the point's mass in its centre of mass.
            _mx[c] = (_mx[c] * _mass[c] + px * m) / (_mass[c] + m);
            _my[c] = (_my[c] * _mass[c] + py * m) / (_mass[c] + m);
            _mass[c] += m;
            if (wasEmpty)
            {
                _point[c] = v;
                return;
            }
            if (depth >= MaxDepth)
                return; // points on top of each other: the cell holds them together
            if (isLeaf)
            {
                // Split: the point living here moves one level down.
                var old = _point[c];
                _point[c] = -1;
                var q = Quadrant(c, x[old], y[old]);
                var child = Child(c, q);
                (_mass[child], _mx[child], _my[child], _point[child]) = (mass[old], x[old], y[old], old);
            }
            c = Child(c, Quadrant(c, px, py));
        }
    }

    private bool IsLeaf(int c) => _children[4 * c] < 0 && _children[4 * c + 1] < 0 && _children[4 * c + 2] < 0 && _children[4 * c + 3] < 0;

    private int Quadrant(int c, double px, double py) => (px >= _ox[c] ? 1 : 0) + (py >= _oy[c] ? 2 : 0);

    private int Child(int c, int q)
    {
        if (_children[4 * c + q] >= 0)
            return _children[4 * c + q];
        var h = _half[c] / 2;
        var child = NewCell(_ox[c] + ((q & 1) == 1 ? h : -h), _oy[c] + ((q & 2) == 2 ? h : -h), h);
        _children[4 * c + q] = child;
        return child;
    }

    /// <summary>Σ m·M·(p − c) / |p − c|^(p+1) over the cells that act as one body from <paramref name="v"/>'s position.</summary>
    public (double X, double Y) Repulsion(int v, double px, double py, double m, double exponent, int[] stack)
    {
        var (fx, fy) = (0.0, 0.0);
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var c = stack[--top];
            if (_mass[c] == 0 || _point[c] == v)
                continue;
            var (dx, dy) = (px - _mx[c], py - _my[c]);
            var d2 = dx * dx + dy * dy;
            var leaf = IsLeaf(c);
            if (leaf || 4 * _half[c] * _half[c] < Theta * Theta * d2)
            {
                if (leaf && _point[c] < 0 && d2 < 1e-18)
                    continue; // the cell of stacked points this one belongs to
                var d = Math.Sqrt(d2) + 1e-9;
                var f = m * _mass[c] / (exponent == 1 ? d * d : exponent == 2 ? d * d * d : Math.Pow(d, exponent + 1));
                (fx, fy) = (fx + dx * f, fy + dy * f);
                continue;
            }
            if (top + 4 > stack.Length)
                Array.Resize(ref stack, stack.Length * 2);
            for (var q = 0; q < 4; q++)
                if (_children[4 * c + q] >= 0)
                    stack[top++] = _children[4 * c + q];
        }
        return (fx, fy);
    }
}

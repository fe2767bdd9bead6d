/// The text `lessons new` starts a lesson with: the title, the seeding first cell every lesson has
/// with its PyTorch twin, and a cell with an output block to copy.
public enum LessonTemplate {
    /// `dynamic-networks` for "Dynamic networks!": lowercase ASCII letters and digits joined by dashes.
    public static func slug(for title: String) -> String {
        title.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.joined(separator: "-")
    }

    /// The new lesson's Markdown.
    public static func text(title: String) -> String {
        """
        # \(title)

        One paragraph on what this lesson shows and why it matters. (Lessons/README.md explains cell \
        attributes, output blocks, pictures and twins.)

        ```swift
        import Foundation
        import Autograd

        manualSeed(0)
        ```

        ```python pytorch
        import torch
        torch.manual_seed(0)
        ```

        ## A first step

        ```swift
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let y = (x * x).sum()
        y.backward()
        print(x.grad!)
        ```

        ```python pytorch
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        y = (x * x).sum()
        y.backward()
        print(x.grad)
        ```

        """
    }
}
